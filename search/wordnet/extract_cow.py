"""Regenerate cow-cmn-synonyms.txt from the Chinese Open Wordnet's tab file.

Usage: python search/wordnet/extract_cow.py wn-data-cmn.tab > search/wordnet/cow-cmn-synonyms.txt

The tab file is wns/cow/wn-data-cmn.tab of the Open Multilingual Wordnet's
omw-data repository (COW, Francis Bond and Shan Wang, licence in COW-LICENSE).
Only lemmas of 2 to 4 Chinese characters are kept, and only synsets with 2 to
8 of them: longer lemmas are glosses rather than words residents type, and
bigger synsets are too loose to expand a query with.
"""

import re
import sys
from collections import defaultdict

HEADER = """\
# Chinese Open Wordnet (COW), Copyright 2013, 2014 Francis Bond and Shan Wang,
# under the licence in COW-LICENSE beside this file (Wang and Bond 2013,
# "Building the Chinese Open Wordnet (COW): Starting from Core Synsets", IJCNLP).
# Taken from the Open Multilingual Wordnet's omw-data, wns/cow/wn-data-cmn.tab.
# Extract: one synset a line (its synset id, then its lemmas of 2-4 Chinese
# characters), synsets of 2 to 8 such lemmas only. Regenerate with
# search/wordnet/extract_cow.py."""

WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def main(path: str) -> None:
    synsets: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(parts) < 3 or parts[1] != "cmn:lemma":
                continue
            if WORD.match(parts[2]) and parts[2] not in synsets[parts[0]]:
                synsets[parts[0]].append(parts[2])
    out = [HEADER]
    out += [
        f"{key}\t{' '.join(words)}"
        for key, words in sorted(synsets.items())
        if 2 <= len(words) <= 8
    ]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
