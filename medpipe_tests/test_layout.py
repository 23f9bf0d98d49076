"""The layout holds: no import cycle between medpipe's modules (top-level or inside functions), no stage imports a later
stage, and every asset that writes the warehouse is made by the one step factory."""

from __future__ import annotations

import ast
from pathlib import Path

import dagster as dg

from medpipe.definitions import defs
from medpipe.settings import PACKAGE_DIR
from medpipe.warehouse.step import STEP_TAG

# Pipeline order: a module may import its own stage and earlier ones. The top-level modules (settings first) frame them.
STAGES = ["settings", "warehouse", "sources", "corpus", "synthetic", "review", "curation", "publish", "train", "app",
          "automation", "definitions", "cli"]
# Partitioned generation commits each partition in its own transaction (a run over a range keeps what it finished), through
# `synthetic.tasks.write_generated` or the partition store; the training assets write files beside the warehouse, not to it, and
# generation_inputs reads the warehouse and writes the partition store's export of it.
NOT_STEPS = {"synthetic_qa", "emergency_scenarios", "wiki_term_qa", "mcq_explanations", "symptom_reasoning", "sft_adapter", "sft_eval",
             "assistant_eval", "generation_inputs"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each medpipe module and the medpipe modules it imports anywhere in its file (a package import counts as its __init__)."""
    modules = {module_name(path): path for path in PACKAGE_DIR.rglob("*.py")}
    found: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("medpipe"):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    targets.add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names if alias.name.startswith("medpipe")}
        found[name] = {t for t in targets if t in modules and t != name}
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def stage(module: str) -> int:
    """The package itself (its version) comes first, like the settings."""
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 else 0


def test_no_import_cycle_between_modules() -> None:
    assert cycles(imports()) == []


def test_a_stage_never_imports_a_later_one() -> None:
    later = sorted((module, target) for module, targets in imports().items() for target in targets if stage(target) > stage(module))
    assert later == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_asset_that_writes_the_warehouse_is_a_step() -> None:
    not_steps = set()
    for asset in defs.assets:  # type: ignore[union-attr]
        if isinstance(asset, dg.AssetSpec) or not asset.is_executable:  # declared, never materialised by medpipe (the clinicians' labels)
            continue
        for key in asset.keys:
            name = key.path[-1]
            tags = asset.get_op_def_for_asset_key(key).tags if hasattr(asset, "get_op_def_for_asset_key") else asset.op.tags
            if STEP_TAG not in tags:
                not_steps.add(name)
            else:
                assert tags[STEP_TAG] == name  # one name: the asset's is the step's
    assert not_steps <= NOT_STEPS
