"""How spec names become Python names. Every name in the output is decided here, once."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable

# Names generated code uses in annotations and class bodies; a field called `list` or
# `datetime` would shadow them inside the class.
_TYPE_NAMES = frozenset(
    {
        "bool",
        "bytes",
        "date",
        "datetime",
        "dict",
        "float",
        "int",
        "list",
        "object",
        "str",
        "Any",
        "ClassVar",
        "Self",
        "field",
        "dataclass",
    }
)
# Names the generated modules import or define besides the spec's classes.
_RUNTIME_CLASSES = frozenset(
    {
        "Field",
        "Model",
        "DecodeError",
        "Codec",
        "OpenEnumType",
        "ApiRequest",
        "RequestBody",
        "TYPE_CHECKING",
        "Client",
        "AsyncClient",
        "BaseClient",
        "AsyncBaseClient",
        "Token",
    }
)
# Names the bodies of request builders and client methods use.
_FUNCTION_LOCALS = frozenset(
    {
        "c",
        "self",
        "result",
        "expand_path",
        "query_values",
        "text_values",
        "json_body",
        "form_body",
        "multipart_body",
        "content_body",
    }
)
# Members of the clients: a group or client setting must not replace one.
CLIENT_MEMBERS = frozenset(
    {
        "base_url",
        "token",
        "timeout",
        "max_retries",
        "headers",
        "transport",
        "correlation_id",
        "locale",
        "client_name",
        "sleep",
        "close",
        "aclose",
        "send",
        "build",
        "delay",
        "outcome",
        "after_error",
        "after_response",
        "log",
    }
)
# Attributes and methods every generated model has.
MODEL_MEMBERS = frozenset({"additional_properties", "from_dict", "to_dict", "from_json", "to_json"})
# Spelled out rather than read from `keyword` and `builtins`, whose contents change between
# Python versions: the output must not depend on which Python runs the generator.
_KEYWORDS = frozenset("""
    False None True and as assert async await break class continue def del elif else except
    finally for from global if import in is lambda nonlocal not or pass raise return try
    while with yield _ case match type
    """.split())
_BUILTINS = frozenset("""
    abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr
    classmethod compile complex copyright credits delattr dict dir divmod enumerate eval
    exec exit filter float format frozenset getattr globals hasattr hash help hex id input
    int isinstance issubclass iter len license list locals map max memoryview min next
    object oct open ord pow print property quit range repr reversed round set setattr slice
    sorted staticmethod str sum super tuple type vars zip
    """.split())
_BUILTIN_CLASSES = frozenset("""
    ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup
    BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError
    ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError
    DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception
    ExceptionGroup FileExistsError FileNotFoundError FloatingPointError FutureWarning
    GeneratorExit IOError ImportError ImportWarning IndentationError IndexError
    InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError
    ModuleNotFoundError NameError NotADirectoryError NotImplemented NotImplementedError
    OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError
    RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning
    StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit
    TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError
    UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning
    ZeroDivisionError
    """.split())

_WORD_BOUNDARY = [
    (re.compile(r"([A-Z]+)([A-Z][a-z])"), r"\1_\2"),  # HTTPResponse -> HTTP_Response
    (re.compile(r"([a-z0-9])([A-Z])"), r"\1_\2"),  # lineItems -> line_Items
]
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")


@functools.cache  # the same names come back for every property and parameter that uses them
def words(name: str) -> tuple[str, ...]:
    """Split any spec name into lowercase ASCII words: `lastModifiedTimestamp`, `ms-cv`, …"""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    for pattern, replacement in _WORD_BOUNDARY:
        ascii_name = pattern.sub(replacement, ascii_name)
    return tuple(w.lower() for w in _NON_WORD.split(ascii_name) if w)


def _fallback(name: str) -> str:
    # A name with no ASCII letters or digits at all (e.g. "日付" or "+"): spell its code points.
    return "_".join(f"u{ord(c):04x}" for c in name) or "empty"


def snake(name: str) -> str:
    """`lastModifiedTimestamp` -> `last_modified_timestamp`; not yet checked for keywords."""
    return "_".join(words(name)) or _fallback(name)


def pascal(name: str) -> str:
    """`cart line-item` -> `CartLineItem`; keeps existing inner capitals (`ResourceLinks`)."""
    parts = words(name) or (_fallback(name),)
    return "".join(p[:1].upper() + p[1:] for p in parts)


def upper_snake(name: str) -> str:
    """`OneTime` or `one_time` -> `ONE_TIME`."""
    return snake(name).upper()


def _escape(name: str, reserved: frozenset[str], prefix: str) -> str:
    if name[:1].isdigit():
        name = f"{prefix}{name}"
    if name in _KEYWORDS or name in reserved:
        name = f"{name}_"
    return name


def attribute_name(wire: str) -> str:
    """A dataclass attribute for a property."""
    return _escape(snake(wire), _TYPE_NAMES | MODEL_MEMBERS, "field_")


def parameter_name(wire: str) -> str:
    """A function parameter: also kept clear of builtins and of the names the function's body
    uses, which it would shadow."""
    name = _escape(snake(wire), _TYPE_NAMES | _BUILTINS | _FUNCTION_LOCALS | {"body"}, "param_")
    if name.startswith("build_") and name.endswith("_request"):  # a request builder's name
        name = f"{name}_"
    return name


def class_name(name: str) -> str:
    """A model or enum class."""
    return _escape(pascal(name), _TYPE_NAMES | _BUILTIN_CLASSES | _RUNTIME_CLASSES, "Model")


def group_class_name(tag: str) -> str:
    """The class of a tag's operations: `carts` -> `CartsApi`."""
    return _escape(f"{pascal(tag)}Api", _RUNTIME_CLASSES, "Api")


def module_name(name: str) -> str:
    """A module in the generated package, from a class or tag name."""
    return _escape(snake(name), _TYPE_NAMES | _BUILTINS, "m_")


def package_name(title: str) -> str:
    """An import name from an API's title: `Swagger Petstore` -> `swagger_petstore`."""
    return module_name(title) if title.strip() else "client"


def method_name(operation_id: str, group: str) -> str:
    """A group method from an operationId: `Carts_Get` -> `get`, `getCart` in `carts` -> `get`."""
    head, sep, tail = operation_id.partition("_")
    if sep and tail and words(head) == words(group):
        return _escape(snake(tail), _TYPE_NAMES | _BUILTINS, "op_")
    group_words = set(words(group))
    singular = {w[:-1] for w in group_words if w.endswith("s")}
    kept = [w for w in words(operation_id) if w not in group_words | singular]
    return _escape("_".join(kept) or snake(operation_id), _TYPE_NAMES | _BUILTINS, "op_")


def enum_member_name(value: object, varname: str | None) -> str:
    """An enum member: from `x-enum-varnames` when given, else from the value."""
    if varname:
        base = upper_snake(varname)
    elif isinstance(value, bool) or value is None:
        base = str(value).upper()
    elif isinstance(value, int | float):
        base = f"VALUE_{value}".replace("-", "MINUS_").replace(".", "_")
    else:
        base = upper_snake(str(value)) if str(value) else "EMPTY"
    if base[:1].isdigit():
        base = f"VALUE_{base}"
    # Enum's own attributes (`name`, `value`, `_missing_` …) and our helpers cannot be members.
    if base.lower() in {"name", "value", "mro"} or base.startswith("_"):
        base = f"{base.strip('_')}_"
    return base


def unique(names: Iterable[str], taken: Collection[str] = ()) -> list[str]:
    """Make names unique in order: the second `a` becomes `a_2`, then `a_3` …"""
    # `taken` is not copied: the parser claims class names one by one against thousands.
    before = taken if isinstance(taken, set | frozenset) else set(taken)
    seen: set[str] = set()
    result = []
    for name in names:
        candidate, n = name, 1
        while candidate in seen or candidate in before:
            n += 1
            candidate = f"{name}_{n}" if not name.endswith("_") else f"{name}{n}"
        seen.add(candidate)
        result.append(candidate)
    return result
