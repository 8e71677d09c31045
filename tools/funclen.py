#!/usr/bin/env python3
"""Lists the functions of C files with their lengths in lines, longest first.

Usage: tools/funclen.py [--max N] [--top K] FILE...

A function is a top-level brace block whose opening line (or the line before it) holds
the parenthesised parameter list; its length runs from the line naming the function to the
closing brace.  Comments, strings and character literals are skipped when braces are
counted.  With --max N the exit status is 1 when any function is longer than N lines.
"""
import re
import sys


def strip(text):
    """The text with comments, strings and char literals blanked (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(c + re.sub(r'[^\n]', ' ', text[i + 1:j]) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def functions(path):
    text = strip(open(path, encoding='utf-8').read())
    lines = text.split('\n')
    depth, start, name = 0, None, None
    for no, line in enumerate(lines, 1):
        for ch in line:
            if ch == '{':
                if depth == 0:
                    head = ' '.join(lines[max(0, no - 4):no])
                    m = re.search(r'(\w+)\s*\([^;{}]*\)\s*(?:__attribute__\(\(.*\)\))?\s*\{?\s*$',
                                  head)
                    if m and not re.match(r'(if|for|while|switch|sizeof|return)$', m.group(1)):
                        name = m.group(1)
                        start = no
                        # the function starts at the line naming it
                        for back in range(no, max(0, no - 4), -1):
                            if re.search(r'\b' + re.escape(name) + r'\s*\(', lines[back - 1]):
                                start = back
                                break
                    else:
                        name = None
                depth += 1
            elif ch == '}':
                depth -= 1
                if depth == 0 and name:
                    yield name, path, start, no - start + 1
                    name = None


def main(argv):
    limit, top, files = None, None, []
    it = iter(argv)
    for a in it:
        if a == '--max':
            limit = int(next(it))
        elif a == '--top':
            top = int(next(it))
        else:
            files.append(a)
    found = sorted((f for p in files for f in functions(p)), key=lambda f: -f[3])
    shown = [f for f in found if limit is None or f[3] > limit] if limit else found
    for name, path, line, length in shown[:top] if top else shown:
        print(f'{length:5d}  {path}:{line}  {name}')
    return 1 if limit is not None and shown else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
