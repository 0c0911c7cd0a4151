// Spectral's default $ref resolver without its http(s) readers: bench/compare_spectral.py lints
// specs whose remote $refs must fail at once, the same way everywhere, instead of being fetched.
"use strict";

const fs = require("fs");
const path = require("path");

// Spectral's own copy of the resolver package, wherever npm placed it.
const cli = path.dirname(require.resolve("@stoplight/spectral-cli/package.json"));
const { Resolver } = require(require.resolve("@stoplight/spectral-ref-resolver", { paths: [cli] }));

function offline(ref) {
  return Promise.reject(new Error(`not fetched (the comparison runs offline): ${ref.href()}`));
}

module.exports = new Resolver({
  resolvers: {
    file: { resolve: (ref) => fs.promises.readFile(ref.href(), "utf8") },
    http: { resolve: offline },
    https: { resolve: offline },
  },
});
