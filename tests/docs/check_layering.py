#!/usr/bin/env python3
# Checks every include of the source folders against the layer and folder tables of docs/architecture.md,
# and that the folder table lists exactly the folders of the tree. --self-test proves it fails on violations.
import argparse
import os
import re
import sys
import tempfile

SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
QT_HEADER = re.compile(r"^Qt?[A-Z]")  # <QString>, <QtCore/QString>, <QtConcurrent>
FOLDER = re.compile(r"`([a-z0-9_]+(?:/[a-z0-9_]+)*)/`")


class Tables:
    """The layers (folder -> folders it may include, and whether Qt) and folders (folder -> who may include
    it; None: whoever its layer admits) that docs/architecture.md declares."""

    def __init__(self, doc_text):
        self.may_include = {}
        self.qt = set()
        self.included_from = {}
        for header, rows in markdown_tables(doc_text):
            if "may include" in header:
                self._read_layers(header, rows)
            elif "included from" in header:
                self._read_folders(header, rows)
        if not self.may_include or not self.included_from:
            raise SystemExit("docs/architecture.md: no layer table (a 'may include' column) or no folder "
                             "table (an 'included from' column)")

    def _read_layers(self, header, rows):
        column = header.index("may include")
        for row in rows:
            folder = FOLDER.search(row[0]).group(1)
            self.may_include[folder] = FOLDER.findall(row[column])
            if re.search(r"\bQt\b", row[column]):
                self.qt.add(folder)

    def _read_folders(self, header, rows):
        column = header.index("included from")
        for row in rows:
            folder = FOLDER.search(row[0]).group(1)
            self.included_from[folder] = FOLDER.findall(row[column]) or None


def markdown_tables(text):
    """Yields (lower-cased header cells, rows of cells) for each pipe table in the text."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and re.match(r"^\|[\s:|-]+\|$", lines[i + 1]):
            header = [cell.strip().lower() for cell in lines[i].strip().strip("|").split("|")]
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append([cell.strip() for cell in lines[i].strip().strip("|").split("|")])
                i += 1
            yield header, rows
        else:
            i += 1


def tree_folders(root, layers):
    """Every folder under the layers' folders, as paths relative to root."""
    found = set()
    for layer in layers:
        for path, dirs, _ in os.walk(os.path.join(root, layer)):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.add(os.path.relpath(path, root))
    return found


def folder_problems(root, tables):
    listed = set(tables.included_from)
    present = tree_folders(root, tables.may_include)
    problems = [f"{f}/ is in the tree but not in the folder table of docs/architecture.md"
                for f in sorted(present - listed)]
    problems += [f"docs/architecture.md lists {f}/, which is not in the tree"
                 for f in sorted(listed - present)]
    return problems


def is_within(folder, parent):
    return folder == parent or folder.startswith(parent + "/")


def owning_row(folder, rows):
    """The most specific of `rows` that is `folder` or one of its parents."""
    matches = [row for row in rows if is_within(folder, row)]
    return max(matches, key=len) if matches else None


def include_problem(tables, source_folder, bracket, included):
    """What is wrong with `source_folder` including `included`, or None."""
    layer = source_folder.split("/")[0]
    top = included.split("/")[0]
    if bracket == "<" and top not in tables.may_include:
        if QT_HEADER.match(included) and layer not in tables.qt:
            allowed = ", ".join(f"{f}/" for f in sorted(tables.qt))
            return f"{layer}/ may not include Qt (only {allowed} may)"
        return None
    if top not in tables.may_include:
        if "/" not in included and included.endswith(".moc"):
            return None  # AUTOMOC's output for a .cpp that declares a QObject
        roots = ", ".join(f"{f}/" for f in tables.may_include)
        return f"includes are rooted at the repository ({roots})"
    if top not in tables.may_include[layer]:
        allowed = ", ".join(f"{f}/" for f in tables.may_include[layer])
        return f"{layer}/ may include only {allowed}"
    owner = owning_row(os.path.dirname(included), tables.included_from)
    readers = tables.included_from.get(owner)
    if readers and not any(is_within(source_folder, r) for r in readers):
        return f"{owner}/ is internal to " + ", ".join(f"{r}/" for r in readers)
    return None


def include_problems(root, tables):
    problems = []
    for layer in tables.may_include:
        for path, dirs, files in os.walk(os.path.join(root, layer)):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(f for f in files if f.endswith(SOURCE_SUFFIXES)):
                problems += file_problems(root, os.path.join(path, name), tables)
    return problems


def file_problems(root, path, tables):
    relative = os.path.relpath(path, root)
    problems = []
    with open(path, encoding="utf-8", errors="replace") as source:
        for number, line in enumerate(source, 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            bracket, included = match.groups()
            problem = include_problem(tables, os.path.dirname(relative), bracket, included)
            if problem:
                shown = f"<{included}>" if bracket == "<" else included
                problems.append(f"{relative}:{number} includes {shown}: {problem}")
    return problems


def check(root, doc):
    with open(doc, encoding="utf-8") as text:
        tables = Tables(text.read())
    return folder_problems(root, tables) + include_problems(root, tables)


def write(root, relative, text):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


# Each case: files written into a tree of exactly the documented folders, and the problem it must produce.
VIOLATIONS = [
    ({"model/store/x.cpp": '// x\n#include <vector>\n#include "load/load_runner.h"\n'},
     "model/store/x.cpp:3 includes load/load_runner.h: model/ may include only model/"),
    ({"collectors/y.h": '#include "widgets/charts/xy_chart.h"\n'},
     "collectors/y.h:1 includes widgets/charts/xy_chart.h: collectors/ may include only model/, collectors/"),
    ({"load/z.cpp": "#include <QString>\n"}, "load/z.cpp:1 includes <QString>: load/ may not include Qt"),
    ({"model/w.h": "#include <QtCore/QObject>\n"}, "model/w.h:1 includes <QtCore/QObject>: model/ may not"),
    ({"load/kinds/f.h": '#include "engines/integration/upstream.h"\n'},
     "load/kinds/f.h:1 includes engines/integration/upstream.h: engines/integration/ is internal to "
     "engines/"),
    ({"app/v.cpp": '#include "v.h"\n'}, "app/v.cpp:1 includes v.h: includes are rooted at the repository"),
    ({"model/brand_new/n.h": "// n\n"}, "model/brand_new/ is in the tree but not in the folder table"),
]

ALLOWED = {
    "app/a.cpp": '#include "load/load_runner.h"\n#include "widgets/charts/xy_chart.h"\n#include <QWidget>\n',
    "engines/analytics/b.cpp": ('#include "engines/integration/upstream.h"\n'
                                '#include "model/scenario/scenario.h"\n#include "collectors/zones/zone.h"\n'),
    "widgets/c.cpp": '#include "model/store/run_store.h"\n#include <QPainter>\n#include "c.moc"\n',
    "load/d.cpp": '#include "engines/engine.h"\n#include <boost/asio.hpp>\n',
}


def documented_tree(doc):
    """A temporary tree with exactly the folders docs/architecture.md lists."""
    with open(doc, encoding="utf-8") as text:
        tables = Tables(text.read())
    root = tempfile.TemporaryDirectory()
    for folder in tables.included_from:
        os.makedirs(os.path.join(root.name, folder), exist_ok=True)
    return root


def self_test(doc):
    failures = []
    with documented_tree(doc) as root:
        for relative, text in ALLOWED.items():
            write(root, relative, text)
        if check(root, doc):
            failures.append("a tree that follows the tables fails: " + "; ".join(check(root, doc)))
    for files, expected in VIOLATIONS:
        with documented_tree(doc) as root:
            for relative, text in files.items():
                write(root, relative, text)
            problems = check(root, doc)
            if not any(p.startswith(expected) for p in problems):
                failures.append(f"expected a problem starting {expected!r}, got {problems}")
    with documented_tree(doc) as root:
        os.rmdir(os.path.join(root, "model", "store"))
        if "docs/architecture.md lists model/store/, which is not in the tree" not in check(root, doc):
            failures.append("a folder of the table missing from the tree went unnoticed")
    return failures


def main():
    parser = argparse.ArgumentParser(description="Checks includes against docs/architecture.md.")
    parser.add_argument("--root", required=True, help="the repository (or a tree laid out like it)")
    parser.add_argument("--doc", help="the architecture document (default ROOT/docs/architecture.md)")
    parser.add_argument("--self-test", action="store_true",
                        help="check that violations in fixture trees are found, and a clean one passes")
    args = parser.parse_args()
    doc = args.doc or os.path.join(args.root, "docs", "architecture.md")
    problems = self_test(doc) if args.self_test else check(args.root, doc)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print("the layering check finds every planted violation" if args.self_test else
          "every include follows docs/architecture.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
