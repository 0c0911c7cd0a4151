"""The readers and writers compiled for each model class (`partnercenter._compiled`) against
the general loops of `partnercenter._model`, which they must agree with on any data.

A compiled reader takes the common case (spec spellings, no nulls, JSON types that read as
they are, unknown keys) and hands anything else to the general loop before it reads
anything nested; it reads nested models, and lists of them, with their classes' readers
directly, and makes small models of plain values itself. Most tests here read the same
data both ways and compare what comes out: the models and what they remember of the wire,
what `to_dict()` writes (key order included), or the DecodeError, its path and its
message. The last ones check that reading pauses the cyclic garbage collector.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import gc
import json
import pickle
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from partnercenter import Client, _codecs, _compiled, _model
from partnercenter.models import (
    Cart,
    CartLineItem,
    DecodeError,
    Participant,
    RenewsTo,
)

LINE = {"catalogItemId": "X", "quantity": 1, "billingCycle": "monthly"}
CART = {"id": "c", "lineItems": [LINE]}


def line_item(i: int) -> dict[str, Any]:
    """A line item as the service sends it (the shape bench/roundtrip.py times)."""
    item: dict[str, Any] = {
        "id": i,
        "catalogItemId": f"DZH318Z0BQ36:{i:04d}",
        "friendlyName": f"Line item {i}",
        "quantity": 1 + i,
        "currencyCode": "USD",
        "billingCycle": ("monthly", "annual", "none")[i % 3],
        "termDuration": "P1Y",
        "participants": [{"key": "transaction_reseller", "value": "5357564"}],
        "provisioningContext": {"subscriptionId": "1C461A25", "scope": "shared"},
        "orderGroup": str(i % 3),
        "renewsTo": {"termDuration": "P1Y"},
        "purchaseSystem": "PartnerCenter",
    }
    if i % 2 == 0:
        item["addonItems"] = [
            {
                "id": 100 + i,
                "catalogItemId": "CFQ7TTC0LH18",
                "quantity": 2,
                "billingCycle": "monthly",
            }
        ]
    if i % 3 == 0:
        item["error"] = {"errorCode": 10002, "errorDescription": "Not enough quota."}
    return item


def cart(items: int = 3) -> dict[str, Any]:
    return {
        "id": "3655b1a0",
        "creationTimestamp": "2019-01-16T00:45:41.6062996Z",
        "status": "Active",
        "lineItems": [line_item(i) for i in range(items)],
        "links": {"self": {"uri": "/carts/3655b1a0", "method": "GET", "headers": []}},
        "attributes": {"objectType": "Cart"},
    }


# --------------------------------------------------------------------------------------------
# The two ways of reading
# --------------------------------------------------------------------------------------------

# The layouts of the general loops only, kept between tests (they are built on first use).
_GENERAL: dict[type, Any] = {}


@contextlib.contextmanager
def general_loops_only() -> Iterator[None]:
    """Models read and written, while it lasts, by the general loops alone."""
    saved = _model._LAYOUTS, _compiled.compile_reader, _compiled.compile_writer

    def no_reader(*args: Any) -> None:
        return None

    def general_writer(cls: Any, fields: Any, general: Any, *args: Any) -> Any:
        return general

    _model._LAYOUTS = _GENERAL  # type: ignore[assignment]
    _compiled.compile_reader = no_reader  # type: ignore[assignment]
    _compiled.compile_writer = general_writer
    try:
        yield
    finally:
        _model._LAYOUTS, _compiled.compile_reader, _compiled.compile_writer = saved


def snapshot(value: Any) -> Any:
    """Everything a model holds, its kept wire text included, as comparable values."""
    if isinstance(value, _model.Model):
        fields = tuple(
            (f.name, snapshot(getattr(value, f.name)))
            for f in dataclasses.fields(value)
            if f.name != "_wire"
        )
        wire = sorted((k, snapshot(v)) for k, v in value._wire.items())
        return (type(value).__name__, fields, wire)
    if isinstance(value, list | tuple):
        return [snapshot(v) for v in value]
    if isinstance(value, dict):
        return [(k, snapshot(v)) for k, v in value.items()]  # in order
    return (type(value).__name__, value)


def read(cls: type[_model.Model], data: Any, owned: bool = False) -> tuple[Any, ...]:
    """What reading `data` gives: the model, what it holds and writes; or the error.
    Read as `from_dict` reads the caller's data, which it leaves as it was; or, `owned`,
    as `from_json` reads what it parsed, which it may take apart."""
    given = copy.deepcopy(data)
    try:
        model = _model._read_whole(cls, cls._from_owned, given) if owned else cls.from_dict(given)
    except DecodeError as exc:
        return ("error", exc.path, str(exc))
    finally:
        if not owned:
            assert given == data
    return ("model", model, snapshot(model), json.dumps(model.to_dict()))


def assert_both_ways_alike(cls: type[_model.Model], data: Any) -> tuple[Any, ...]:
    compiled = read(cls, data)
    owned = read(cls, data, owned=True)
    with general_loops_only():
        general = read(cls, data)
        # Without compiled readers, owned data is read by the general loop too.
        assert read(cls, data, owned=True)[2:] == general[2:]
        if compiled[0] == "model":
            # The general writer, given what the compiled reader made, writes the same.
            assert json.dumps(compiled[1].to_dict()) == general[3]
    assert compiled[0] == owned[0] == general[0]
    assert compiled[2:] == owned[2:] == general[2:]
    return compiled


# --------------------------------------------------------------------------------------------
# Chosen cases
# --------------------------------------------------------------------------------------------


def changed(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    data = cart()
    change(data)
    return data


def item(i: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda data: data["lineItems"][i]  # type: ignore[no-any-return]


CASES = {
    "common": cart(),
    "no line items": {"lineItems": []},
    "unknown keys": changed(lambda d: item(1)(d).update(pricingTier="standard", z=[None])),
    "unknown key at the top": changed(lambda d: d.update(etag="W/1")),
    "unknown key and a null": changed(lambda d: item(1)(d).update(x=1, promotionId=None)),
    "null field": changed(lambda d: item(2)(d).update(friendlyName=None)),
    "null in a nested model": changed(lambda d: d["attributes"].update(etag=None)),
    "null list of models": changed(lambda d: item(0)(d).update(participants=None)),
    "other spelling in one item": changed(
        lambda d: item(1)(d).update(Quantity=item(1)(d).pop("quantity"))
    ),
    "other spelling of an optional field": changed(
        lambda d: item(1)(d).update(FriendlyName=item(1)(d).pop("friendlyName"))
    ),
    "both spellings": changed(lambda d: item(0)(d).update(QUANTITY=9)),
    "other spelling of an unknown key's field": changed(
        lambda d: item(0)(d).update(RenewsTo={"termDuration": "P1M"}, extra=1)
    ),
    "key that is not a string": changed(lambda d: item(1)(d).update({7: "seven"})),
    "item of the list not in the common case": changed(
        lambda d: item(0)(d)["participants"].insert(0, {"Key": "x", "value": None})
    ),
    # Small models of plain values (participants, renewsTo) are made in the reader of
    # the model holding them when they have all their fields and nothing else.
    "small models, some not complete": changed(
        lambda d: item(0)(d)["participants"].extend(
            [{"key": "transaction_reseller"}, {"value": "v"}, {}, {"key": "other", "value": "v"}]
        )
    ),
    "small model with a key of its own": changed(
        lambda d: item(0)(d)["participants"].append(
            {"key": "transaction_reseller", "value": "v", "k": 1}
        )
    ),
    "small model with a null": changed(
        lambda d: item(2)(d).update(renewsTo={"termDuration": None})
    ),
    "small model in another spelling": changed(
        lambda d: item(2)(d).update(renewsTo={"TermDuration": "P1M"})
    ),
    "enum value the spec does not list": changed(
        lambda d: item(2)(d).update(billingCycle="biennially")
    ),
    "integer code sent as a string": changed(
        lambda d: item(0)(d)["error"].update(errorCode="10002")
    ),
    "unknown integer code": changed(lambda d: item(0)(d)["error"].update(errorCode=99)),
    "free-form object in an error": changed(
        lambda d: item(0)(d)["error"].update(additionalInformation={"a": None, "b": [1, {}]})
    ),
    "free-form null": changed(lambda d: item(0)(d)["error"].update(additionalInformation=None)),
    "timestamp without an offset": changed(
        lambda d: d.update(creationTimestamp="0001-01-01T00:00:00")
    ),
    "status the spec does not list": changed(lambda d: d.update(status="Frozen")),
    "integer for a float-or-int? no: float for an integer": changed(
        lambda d: item(0)(d).update(id=1.0)
    ),
    "boolean for an integer": changed(lambda d: item(0)(d).update(quantity=True)),
    "string for an integer deep down": changed(
        lambda d: item(0)(d)["addonItems"][0].update(quantity="2")
    ),
    "wrong type in a nested model": changed(
        lambda d: item(1)(d)["renewsTo"].update(termDuration=5)
    ),
    "wrong type in a list item": changed(lambda d: item(2)(d)["participants"][0].update(value=5)),
    "wrong type in a link header": changed(
        lambda d: d["links"]["self"]["headers"].append({"key": 1})
    ),
    "nested model not an object": changed(lambda d: item(1)(d).update(renewsTo="P1Y")),
    "nested model a list": changed(lambda d: item(1)(d).update(renewsTo=[{"termDuration": "P1Y"}])),
    "list of models not a list": changed(lambda d: item(1)(d).update(participants={"key": "x"})),
    "list item not an object": changed(lambda d: item(1)(d)["participants"].append("x")),
    "list item null": changed(lambda d: item(1)(d)["participants"].append(None)),
    "line item not an object": changed(lambda d: d["lineItems"].append(5)),
    "map value not a string": changed(lambda d: item(0)(d)["provisioningContext"].update(scope=1)),
    "map not an object": changed(lambda d: item(0)(d).update(provisioningContext=["shared"])),
    "missing required key": changed(lambda d: item(1)(d).pop("catalogItemId")),
    "required key null": changed(lambda d: item(1)(d).update(catalogItemId=None)),
    "line items null": changed(lambda d: d.update(lineItems=None)),
    "line items missing": changed(lambda d: d.pop("lineItems")),
    "empty line item": changed(lambda d: d["lineItems"].append({})),
    "two bad nested values, the later field first": changed(
        lambda d: item(0)(d).update(renewsTo={"termDuration": 1}, addonItems=[None])
    ),
    "two bad timestamps, the later field first": {
        "lastModifiedTimestamp": "then",
        "creationTimestamp": "now",
        "lineItems": [],
    },
    "unknown key and an error after it": changed(
        lambda d: item(1)(d).update(unknown=1, renewsTo={"termDuration": []})
    ),
}


@pytest.mark.parametrize("data", CASES.values(), ids=CASES.keys())
def test_a_compiled_reader_reads_as_the_general_loop(data: dict[str, Any]) -> None:
    assert_both_ways_alike(Cart, data)


@pytest.mark.parametrize(
    ("data", "path", "mentions"),
    [
        (
            CASES["string for an integer deep down"],
            "lineItems[0].addonItems[0].quantity",
            "integer",
        ),
        (CASES["wrong type in a nested model"], "lineItems[1].renewsTo.termDuration", "string"),
        (CASES["wrong type in a list item"], "lineItems[2].participants[0].value", "string"),
        (CASES["wrong type in a link header"], "links.self.headers[0].key", "string"),
        (CASES["nested model not an object"], "lineItems[1].renewsTo", "object for RenewsTo"),
        (CASES["list of models not a list"], "lineItems[1].participants", "array"),
        (CASES["list item not an object"], "lineItems[1].participants[1]", "Participant"),
        (CASES["list item null"], "lineItems[1].participants[1]", "Participant"),
        (CASES["line item not an object"], "lineItems[3]", "CartLineItem"),
        (CASES["map value not a string"], "lineItems[0].provisioningContext['scope']", "string"),
        (
            CASES["unknown key and an error after it"],
            "lineItems[1].renewsTo.termDuration",
            "string",
        ),
    ],
)
def test_bad_data_under_the_common_case_is_located(data: Any, path: str, mentions: str) -> None:
    # The objects around the bad value are in the common case: compiled readers read
    # them, and the error still says where it is.
    outcome = assert_both_ways_alike(Cart, data)
    assert outcome[:2] == ("error", path)
    assert mentions in outcome[2]


def test_parsed_data_is_taken_apart_and_the_callers_left_alone() -> None:
    # from_json's data is its own: the models keep its lists and dicts, a list of models
    # holding each model where its object was. from_dict copies what it keeps.
    data = cart(3)
    owned = _model._read_whole(Cart, Cart._from_owned, data)
    assert owned.line_items is data["lineItems"]
    assert all(type(m) is CartLineItem for m in data["lineItems"])
    first = owned.line_items[0]
    assert first.participants is not None and first.addon_items is not None
    assert type(first.participants[0]) is Participant
    assert type(first.addon_items[0]) is CartLineItem
    context = {"subscriptionId": "1C461A25", "scope": "shared"}
    assert first.provisioning_context == context
    mine = cart(3)
    copied = Cart.from_dict(mine)
    assert mine == cart(3)
    assert copied.line_items is not mine["lineItems"]
    assert copied.line_items[0].provisioning_context is not mine["lineItems"][0][
        "provisioningContext"
    ]
    assert copied == owned


def test_an_error_in_parsed_data_says_where_it_is() -> None:
    text = json.dumps(changed(lambda d: item(2)(d).update(quantity="3")))
    with pytest.raises(DecodeError) as caught:
        Cart.from_json(text)
    assert caught.value.path == "lineItems[2].quantity"
    text = json.dumps(changed(lambda d: item(1)(d)["participants"].append({"value": 1})))
    with pytest.raises(DecodeError) as caught:
        Cart.from_json(text)
    assert caught.value.path == "lineItems[1].participants[1].value"


def test_unknown_keys_are_read_in_order_beside_the_fields() -> None:
    data = dict(LINE, renewsTo={"termDuration": "P1M", "n": 2}, zeta=1, alpha={"b": None})
    model = CartLineItem.from_dict(data)
    assert list(model.additional_properties) == ["zeta", "alpha"]
    assert model.renews_to == RenewsTo(term_duration="P1M", additional_properties={"n": 2})
    assert json.dumps(model.to_dict()) == json.dumps(data)
    # Each model has its own, to change.
    model.additional_properties["new"] = True
    assert "new" not in CartLineItem.from_dict(data).additional_properties


def test_models_read_without_wire_text_stay_apart() -> None:
    # Models read with nothing to remember share one empty `_wire`; it is only ever
    # replaced, so what is read afterwards (nulls, timestamps) stays each model's own.
    plain = CartLineItem.from_dict(LINE)
    null = CartLineItem.from_dict(dict(LINE, promotionId=None))
    timed = Cart.from_dict({"lineItems": [LINE], "creationTimestamp": "2019-01-16T00:45Z"})
    assert plain._wire == {} and timed.line_items[0]._wire == {}
    assert null._wire == {"promotion_id": (None, None)}
    assert set(timed._wire) == {"creation_timestamp"}
    assert _compiled.NO_WIRE == {}
    assert plain.to_dict() == LINE and null.to_dict() == dict(LINE, promotionId=None)


def _holds_extras(model: _model.Model) -> bool:
    """Whether the model holds a dict of unknown keys yet (read without any, it has none
    until one is asked for)."""
    slot = type(model).additional_properties.slot  # type: ignore[attr-defined]
    try:
        slot.__get__(model)
    except AttributeError:
        return False
    return True


def test_unknown_keys_of_a_model_read_without_any_are_made_on_first_use() -> None:
    cart = Cart.from_dict({"lineItems": [line_item(0), dict(LINE, extra=1)]})
    plain, extra = cart.line_items
    participant, renews = plain.participants[0], plain.renews_to  # made in place
    assert [_holds_extras(m) for m in (plain, participant, renews, extra)] == [
        False,
        False,
        False,
        True,
    ]
    assert plain.to_dict() == line_item(0) and not _holds_extras(plain)
    # Asked for, it is the model's own: what is put in it is written back.
    plain.additional_properties["added"] = 1
    participant.additional_properties["seen"] = True
    renews.additional_properties = {"replaced": "whole"}
    written = cart.to_dict()["lineItems"][0]
    assert written["added"] == 1 and written["participants"][0]["seen"] is True
    assert written["renewsTo"] == {"termDuration": "P1Y", "replaced": "whole"}
    assert CartLineItem.from_dict(line_item(0)).additional_properties == {}
    assert "added" not in CartLineItem.from_dict(line_item(0)).to_dict()
    assert extra.additional_properties == {"extra": 1} and extra.to_dict()["extra"] == 1


@pytest.mark.parametrize(
    ("duplicate", "shallow"),
    [(copy.copy, True), (copy.deepcopy, False), (lambda m: pickle.loads(pickle.dumps(m)), False)],
    ids=["copy", "deepcopy", "pickle"],
)
def test_a_copy_of_a_model_read_without_unknown_keys_keeps_what_is_added(
    duplicate: Callable[[Any], Any], shallow: bool
) -> None:
    model = CartLineItem.from_dict(line_item(1))
    twin = duplicate(model)
    assert twin == model and twin.to_dict() == line_item(1)
    twin.additional_properties["added"] = 1
    assert twin.to_dict() == dict(line_item(1), added=1)
    # A shallow copy shares the dict, as it shares every other value.
    assert model.to_dict() == (dict(line_item(1), added=1) if shallow else line_item(1))
    del twin.additional_properties
    assert twin.additional_properties == {}  # made again on use


def test_a_list_of_models_mixes_the_two_ways() -> None:
    items = [dict(LINE, id=0), {"CatalogItemId": "Y", "quantity": 2, "billingCycle": "annual"}]
    items += [dict(LINE, id=2, orderGroup=None), dict(LINE, id=3, extra="e")]
    model = Cart.from_dict({"lineItems": items})
    assert [m.catalog_item_id for m in model.line_items] == ["X", "Y", "X", "X"]
    assert [m._wire for m in model.line_items] == [{}, {}, {"order_group": (None, None)}, {}]
    assert model.line_items[3].additional_properties == {"extra": "e"}
    written = model.to_dict()["lineItems"]
    assert written[1] == {"catalogItemId": "Y", "quantity": 2, "billingCycle": "annual"}
    assert written[2] == dict(LINE, id=2, orderGroup=None)


def test_nested_values_of_a_subclass_are_written_by_it() -> None:
    # The compiled writer calls a nested class's writer directly only for that very
    # class; a subclass's value goes through its own `to_dict`.
    @dataclasses.dataclass(slots=True, kw_only=True)
    class Marked(RenewsTo):
        def to_dict(self) -> dict[str, Any]:
            return {**RenewsTo.to_dict(self), "marked": True}

    @dataclasses.dataclass(slots=True, kw_only=True)
    class Named(Participant):
        def to_dict(self) -> dict[str, Any]:
            return {"named": True}

    model = CartLineItem.from_dict(dict(LINE, participants=[{"value": "v"}]))
    model.renews_to = Marked(term_duration="P1M")
    assert model.participants is not None
    model.participants.append(Named(value="w"))
    assert model.to_dict() == dict(
        LINE,
        participants=[{"value": "v"}, {"named": True}],
        renewsTo={"termDuration": "P1M", "marked": True},
    )


def test_reading_and_writing_take_one_frame_a_level() -> None:
    # What is deep enough to read is not too deep to write back.
    depth = 600
    data: dict[str, Any] = dict(LINE)
    for _ in range(depth):
        data = dict(LINE, addonItems=[data])
    written = CartLineItem.from_dict(data).to_dict()
    for _ in range(depth):  # compared level by level: `==` would overflow the stack
        assert written.keys() == data.keys()
        written, data = written["addonItems"][0], data["addonItems"][0]
    assert written == data


# --------------------------------------------------------------------------------------------
# Random changes to a cart
# --------------------------------------------------------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10003),
    st.sampled_from([0.5, 1.0, "", "x", "monthly", "Active", "10002", "P1Y", "2019-01-16T00:45Z"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=2)
        | st.dictionaries(st.sampled_from(["key", "value", "termDuration", "k"]), inner, max_size=2)
    ),
    max_leaves=4,
)


def places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in `value`, in a fixed order."""
    found: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        for key in list(value):
            found.append((value, key))
            found += places(value[key])
    elif isinstance(value, list):
        for index, v in enumerate(value):
            found.append((value, index))
            found += places(v)
    return found


@st.composite
def changed_carts(draw: st.DrawFn) -> dict[str, Any]:
    data = cart(draw(st.integers(1, 3)))
    for _ in range(draw(st.integers(1, 3))):
        container, key = draw(st.sampled_from(places(data)))
        how = draw(st.sampled_from(["replace", "delete", "add", "respell"]))
        if how == "replace":
            container[key] = draw(VALUES)
        elif how == "delete":
            del container[key]
        elif isinstance(container, list):
            container.insert(key, draw(VALUES))
        elif how == "add":
            container[draw(st.sampled_from(["extra", "Quantity", "KEY", "id"]))] = draw(VALUES)
        else:
            spelling = draw(st.sampled_from([str.upper, str.lower, str.capitalize]))(key)
            container[spelling] = container.pop(key)
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changed_carts())
def test_random_changes_read_alike_both_ways(data: dict[str, Any]) -> None:
    assert_both_ways_alike(Cart, data)


# --------------------------------------------------------------------------------------------
# The garbage collector
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True, kw_only=True)
class Probe(CartLineItem):
    """Notes whether the cyclic garbage collector runs while it is read."""

    seen: list[bool] = dataclasses.field(default_factory=list)

    def __post_init__(self) -> None:
        self.seen.append(gc.isenabled())


@pytest.fixture
def collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("enabled", [True, False])
def test_reading_pauses_the_collector_and_leaves_it_as_it_was(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    assert Probe.from_dict(LINE).seen == [False]
    assert gc.isenabled() is enabled
    with pytest.raises(DecodeError):
        Cart.from_dict({"lineItems": [dict(LINE, quantity="x")]})
    assert gc.isenabled() is enabled
    deep: dict[str, Any] = dict(LINE)
    for _ in range(5000):
        deep = dict(LINE, addonItems=[deep])
    with pytest.raises(DecodeError, match="nested too deeply"):
        CartLineItem.from_dict(deep)
    assert gc.isenabled() is enabled


@pytest.mark.usefixtures("collector")
def test_a_response_is_read_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    decode = _codecs._Model.decode_owned  # the body is parsed for this call alone

    def noted(self: Any, value: Any) -> Any:
        seen.append(f"read {gc.isenabled()}")
        return decode(self, value)

    class Noting(httpx.Response):
        def json(self, **kwargs: Any) -> Any:
            seen.append(f"parse {gc.isenabled()}")  # parsing the JSON is not paused
            return super().json(**kwargs)

    monkeypatch.setattr(_codecs._Model, "decode_owned", noted)
    client = Client(token="t", transport=httpx.MockTransport(lambda r: Noting(200, json=CART)))
    gc.enable()
    model = client.carts.get("c", "k")
    assert model.line_items[0].catalog_item_id == "X"
    assert seen == ["parse True", "read False"] and gc.isenabled()
