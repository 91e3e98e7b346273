#!/usr/bin/env python3
"""File-size and method-size p50/p90/max over main Java sources (rough method parser: brace matching)."""
import re, sys, pathlib, statistics
root = pathlib.Path(sys.argv[1])
files = [p for p in root.rglob('*.java') if '/target/' not in str(p) and '/src/main/' in str(p)]
flines, mlines = [], []
hdr = re.compile(r'^\s*(?:(?:public|private|protected|static|final|synchronized|abstract|default|native)\s+)*(?:<[^>]+>\s+)?[\w\[\]<>,.? ]+\s+(\w+)\s*\([^;{]*\)\s*(?:throws [\w., ]+)?\s*\{\s*$')
for f in files:
    lines = f.read_text(errors='ignore').splitlines()
    flines.append(len(lines))
    i = 0
    while i < len(lines):
        l = lines[i]
        if hdr.match(l) and not re.match(r'^\s*(if|for|while|switch|catch|return|else|try|new)\b', l.strip()) and ' class ' not in l and ' record ' not in l and ' interface ' not in l:
            depth = l.count('{') - l.count('}'); j = i
            while depth > 0 and j + 1 < len(lines):
                j += 1; depth += lines[j].count('{') - lines[j].count('}')
            mlines.append(j - i + 1); i = j + 1
        else:
            i += 1
def q(xs, p): xs = sorted(xs); return xs[min(len(xs)-1, int(p*len(xs)))]
print(f"files {len(flines)}: p50 {q(flines,.5)} p90 {q(flines,.9)} max {max(flines)} lines; >400: {sum(x>400 for x in flines)}")
print(f"methods {len(mlines)}: p50 {q(mlines,.5)} p90 {q(mlines,.9)} max {max(mlines)} lines; >25: {sum(x>25 for x in mlines)}")
