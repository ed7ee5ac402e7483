"""Load YAML while remembering the line of every value, so errors can name file, line and field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dadkhah.errors import InputError, InvalidData, Problem

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

# YAML 1.1 reads yes/no/on/off as booleans, which turns Norway's code NO into False. Only the
# spellings true and false are booleans here; everything else a plain scalar says stays a string.
_TRUE_FALSE = {"true", "false"}


@dataclass
class Located:
    """A parsed YAML document plus the (1-based) line where each value starts."""

    data: Any
    file: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Sequence[str | int]) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), None)

    def problem(self, reason: str, path: Sequence[str | int]) -> Problem:
        return Problem(reason, file=self.file, line=self.line(path), field=dotted(path) or None)


def dotted(path: Sequence[str | int]) -> str:
    """``("conduct", 0, "start")`` → ``conduct[0].start``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Builder(yaml.SafeLoader):
    """A SafeLoader whose only job here is to construct scalars."""


def _scalar(loader: _Builder, node: yaml.ScalarNode) -> Any:
    if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in _TRUE_FALSE:
        return node.value
    return loader.construct_object(node, deep=True)


def load_located(path: Path, *, text: str | None = None) -> Located:
    """Parse one YAML file; syntax errors and duplicate keys raise :class:`InputError`."""
    name = str(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(f"cannot read file: {error.strerror}", file=name) from error
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"not valid YAML: {error.problem}", file=name, line=line) from error
    located = Located(None, name)
    if root is None:
        raise InputError("the file is empty", file=name, line=1)
    builder = _Builder("")
    located.data = _build(root, (), located, builder)
    return located


def _build(node: yaml.Node, path: Path_, located: Located, builder: _Builder) -> Any:
    located.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(builder, key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise InvalidData([located.problem("mapping keys must be plain words", path)])
            key = str(key)
            if key in out:
                line = key_node.start_mark.line + 1
                raise InputError("duplicate key", file=located.file, line=line, field=dotted((*path, key)))
            out[key] = _build(value_node, (*path, key), located, builder)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), located, builder) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)  # YAML has no fourth kind of node
    return _scalar(builder, node)


def validate(model: type[M], located: Located, *, context: Mapping[str, Any] | None = None) -> M:
    """Validate ``located.data`` against a pydantic model; every problem names file, line, field."""
    try:
        return model.model_validate(located.data, context=dict(context or {}))
    except ValidationError as error:
        raise InvalidData(
            [located.problem(_reason(e), tuple(e["loc"])) for e in error.errors()],
            summary=f"{located.file}: {error.error_count()} problem(s)",
        ) from None


def _reason(error: Mapping[str, Any]) -> str:
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        return "unknown field (check its spelling)"
    if error["type"] == "missing":
        return "required field is missing"
    return message.removeprefix("Value error, ")
