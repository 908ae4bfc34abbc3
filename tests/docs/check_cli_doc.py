#!/usr/bin/env python3
# Checks that docs/cli.md mentions, in each command's section, every --option and PERFLAB_ variable that the
# command's --help lists. --self-test also removes each of them from a copy of the doc and expects it named.
import argparse
import re
import subprocess
import sys

TOKEN = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|PERFLAB_[A-Z_]+)")
COMMAND_LINE = re.compile(r"^\s*(?:usage:)?\s*perflab(?:\s+([a-z][a-z-]*))?\b")
HEADING = re.compile(r"^(#+)\s+(.*)$")
APP = "perflab"  # the section of the desktop app, perflab without a command


def help_text(perflab, *arguments):
    done = subprocess.run([perflab, *arguments, "--help"], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise SystemExit(f"perflab {' '.join(arguments)} --help exited {done.returncode}: {done.stderr}")
    return done.stdout


def overview_tokens(overview):
    """The commands the overview lists, each with the tokens of its synopsis line; the app's own lines (and
    lines naming no command, like 'Each command takes --help') go to APP."""
    tokens = {APP: set()}
    for line in overview.splitlines():
        match = COMMAND_LINE.match(line)
        command = match.group(1) if match and match.group(1) else APP
        tokens.setdefault(command, set()).update(TOKEN.findall(line))
    return tokens


def listed_tokens(perflab):
    """{command: tokens its --help and the overview's synopsis list}, for every command of the overview."""
    tokens = overview_tokens(help_text(perflab))
    for command in tokens:
        if command != APP:
            tokens[command] |= set(TOKEN.findall(help_text(perflab, command)))
    return tokens


def sections(doc, commands):
    """{command: text of its section}: a heading naming `perflab COMMAND` (or `perflab` alone, the app),
    up to the next heading of the same or a higher level."""
    found = {}
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        heading = HEADING.match(line)
        if not heading:
            continue
        title = COMMAND_LINE.match(heading.group(2).replace("`", ""))
        if not title:
            continue
        command = title.group(1) if title.group(1) in commands else APP
        level = len(heading.group(1))
        ends = (j for j in range(i + 1, len(lines))
                if HEADING.match(lines[j]) and len(HEADING.match(lines[j]).group(1)) <= level)
        end = next(ends, len(lines))
        found[command] = "\n".join(lines[i:end])
    return found


def mentions(text, token):
    return re.search(r"(?<![\w-])" + re.escape(token) + r"(?![\w-])", text) is not None


def problems(doc, tokens):
    found = sections(doc, tokens)
    out = []
    for command in sorted(tokens):
        name = "perflab" if command == APP else f"perflab {command}"
        if command not in found:
            out.append(f"docs/cli.md has no section for {name}")
            continue
        out += [f"{name} --help lists {token}, which its section of docs/cli.md does not mention"
                for token in sorted(tokens[command]) if not mentions(found[command], token)]
    return out


def without(doc, section, token):
    """The doc with every mention of `token` removed from `section`."""
    pattern = r"(?<![\w-])" + re.escape(token) + r"(?![\w-])"
    return doc.replace(section, re.sub(pattern, "", section))


def self_test(doc, tokens):
    if problems(doc, tokens):
        return ["the self-test needs a doc that passes: " + "; ".join(problems(doc, tokens))]
    failures = []
    found = sections(doc, tokens)
    for command, listed in sorted(tokens.items()):
        name = "perflab" if command == APP else f"perflab {command}"
        for token in sorted(listed):
            expected = f"{name} --help lists {token}, which its section of docs/cli.md does not mention"
            if expected not in problems(without(doc, found[command], token), tokens):
                failures.append(f"removing {token} from the section of {name} went unnoticed")
        if f"docs/cli.md has no section for {name}" not in problems(doc.replace(found[command], ""), tokens):
            failures.append(f"removing the section of {name} went unnoticed")
    if sum(len(listed) for listed in tokens.values()) < 10:
        failures.append(f"only {tokens} found in the --help texts: the extraction is broken")
    return failures


def main():
    parser = argparse.ArgumentParser(description="Checks that docs/cli.md covers every --help.")
    parser.add_argument("--perflab", required=True, help="the perflab executable")
    parser.add_argument("--doc", required=True, help="docs/cli.md")
    parser.add_argument("--self-test", action="store_true",
                        help="check that leaving out any one option or section of the doc is caught")
    args = parser.parse_args()
    with open(args.doc, encoding="utf-8") as text:
        doc = text.read()
    tokens = listed_tokens(args.perflab)
    found = self_test(doc, tokens) if args.self_test else problems(doc, tokens)
    for problem in found:
        print(problem)
    if found:
        return 1
    counted = sum(len(listed) for listed in tokens.values())
    print(f"{counted} options and variables of {len(tokens)} commands: "
          + ("each one left out is caught" if args.self_test else "all in docs/cli.md"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
