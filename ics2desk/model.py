"""The ENS dataset as plain Python data, shaped by the HTI tables.

A document is a message id plus a tree of dicts: each key is an "ICS2 XML element" name.
Elements that may repeat (max > 1) hold a list; the others hold a dict (a group) or a str
(a value). Absent optional elements are absent keys. The tables (hti.spec) decide the
shape, so IE3F50, IE3A50, IE3F51 and IE3A51 share this one model and everything that
works on it: XML both ways, validation, form binding, the store.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from .hti.spec import ElementSpec, MessageSpec, load_message

Group = dict[str, Any]

_STEP = re.compile(r"^([A-Za-z_][\w.-]*)(?:\[(\d+)\])?$")


@dataclass
class Instance:
    """One occurrence of an element in a document: where it is and what it holds."""

    xpath: str  # e.g. /IE3F50/consignmentMasterLevel/consignmentHouseLevel[1]/goodsItem[2]
    value: Any  # str for a value, dict for a group
    parent: Group
    spec: ElementSpec


@dataclass
class EnsDocument:
    message_id: str
    data: Group = field(default_factory=dict)

    @property
    def spec(self) -> MessageSpec:
        return load_message(self.message_id)

    # --- reading -------------------------------------------------------------------
    def instances(self, spec_path: str) -> Iterator[Instance]:
        """Every occurrence of the element at spec_path (a path without indices), in document order."""
        spec = self.spec
        try:
            steps = spec.steps(spec_path)
        except KeyError:
            return iter(())
        el = spec.by_path[spec_path]
        # Breadth by level: (xpath, parent group, value) for the current step.
        level = [(f"/{self.message_id}", None, self.data)]
        for depth, (name, repeats) in enumerate(steps):
            nxt = []
            for xpath, _, node in level:
                if not isinstance(node, dict):
                    continue
                value = node.get(name)
                if value is None:
                    continue
                if repeats and isinstance(value, list):
                    for i, v in enumerate(value, 1):
                        nxt.append((f"{xpath}/{name}[{i}]", node, v))
                else:
                    nxt.append((f"{xpath}/{name}", node, value))
            level = nxt
            if not level:
                return iter(())
        return (Instance(x, v, p, el) for x, p, v in level)

    def get(self, path: str, default: Any = None) -> Any:
        """Value at an index-free path, taking the first occurrence of repeats."""
        for inst in self.instances(path):
            return inst.value
        return default

    def get_at(self, xpath: str, default: Any = None) -> Any:
        """Value at a document XPath like /IE3F50/a/b[2]/c (indices 1-based)."""
        node: Any = self.data
        steps = xpath.strip("/").split("/")[1:]
        for step in steps:
            m = _STEP.match(step)
            if not m or not isinstance(node, dict) or m.group(1) not in node:
                return default
            node = node[m.group(1)]
            if isinstance(node, list):
                i = int(m.group(2) or 1) - 1
                if not 0 <= i < len(node):
                    return default
                node = node[i]
        return node

    # --- writing -------------------------------------------------------------------
    def set(self, path: str, value: Any) -> None:
        """Set a value at an index-free path, creating single groups on the way.

        Repeating groups on the way take their first occurrence (created if needed).
        """
        spec = self.spec
        node = self.data
        parts = path.split("/")
        for depth, name in enumerate(parts):
            el = spec.element("/".join(parts[: depth + 1]))
            last = depth == len(parts) - 1
            if last:
                if value is None or value == "" or value == []:
                    node.pop(name, None)
                else:
                    node[name] = value
                return
            if el.repeats:
                items = node.setdefault(name, [])
                if not items:
                    items.append({})
                node = items[0]
            else:
                node = node.setdefault(name, {})

    def copy(self) -> "EnsDocument":
        return EnsDocument(self.message_id, copy.deepcopy(self.data))

    # --- conveniences used by the store, the GUI and printing ------------------------
    @property
    def lrn(self) -> str | None:
        return self.data.get("LRN")

    @property
    def mrn(self) -> str | None:
        return self.data.get("MRN")

    @property
    def declarant_eori(self) -> str | None:
        return self.get("declarant/identificationNumber")

    @property
    def estimated_arrival(self) -> str | None:
        return self.get("activeBorderTransportMeans/estimatedDateAndTimeOfArrival")

    @property
    def office_of_first_entry(self) -> str | None:
        return self.get("customsOfficeOfFirstEntry/referenceNumber")

    def houses(self) -> list[Group]:
        return self.data.get("consignmentMasterLevel", {}).get("consignmentHouseLevel", [])

    def goods_items(self) -> Iterator[tuple[int, int, Group]]:
        """(house number, item position, goods item), numbers 1-based."""
        for h, house in enumerate(self.houses(), 1):
            for g, item in enumerate(house.get("goodsItem", []), 1):
                yield h, g, item

    def vehicle_registrations(self) -> list[str]:
        """Road vehicle and trailer registrations (CL750 30/31) found anywhere in the filing."""
        regs: list[str] = []
        paths = ["activeBorderTransportMeans"] + [
            e.path for e in self.spec.iter_elements() if e.name == "passiveBorderTransportMeans"
        ]
        for p in paths:
            for inst in self.instances(p):
                if inst.value.get("typeOfIdentification") in ("30", "31"):
                    reg = inst.value.get("identificationNumber")
                    if reg and reg not in regs:
                        regs.append(reg)
        return regs

    def total_gross_mass(self) -> float:
        total = 0.0
        for _, _, item in self.goods_items():
            try:
                total += float(item.get("weight", {}).get("grossMass", 0) or 0)
            except ValueError:
                pass
        return total


def spec_path_of(xpath: str) -> str:
    """'/IE3F50/a[1]/b[2]/c' -> 'a/b/c' (the table row the XPath points at)."""
    steps = [s.split("[")[0] for s in xpath.strip("/").split("/")]
    steps = [s.split(":")[-1] for s in steps]  # tolerate prefixes in customs' pointers
    return "/".join(steps[1:])
