"""Text for the learner: the data tables' notes rewritten without file paths, code names or ASCII units.

The tables in data/ are written for engineers as well (they name the checker's options, the files and
the databases a source came from); what a learner reads says the same in plain words, with the degree
sign and the ± sign, and names each source without an id.
"""

from __future__ import annotations

import re

_PATH = r"(?:data/)?[\w/]+\.csv"
_PARENTHESES_OF_PATHS = re.compile(rf"\s*\(\s*{_PATH}(?:\s*,\s*{_PATH})*\s*\)")
_FILE_PATH = re.compile(r"(?:data/)?(?:[\w]+/)*(\w+)\.csv")
_PARENTHESES_WITH_CODE = re.compile(r"\s*\([^()]*(?:[a-z]_[a-z]|--\w)[^()]*\)")
_DEGREES_AFTER_NUMBER = re.compile(r"(\d)\s*deg\b")
_PUBMED_ID_IN_PARENTHESES = re.compile(r"\s*\(PMC\d+\)")
_PUBMED_ID = re.compile(r"\bPMC\d+\b")
TABLE_WORDS: dict[str, str] = {
    # a data table's file name -> what it holds, in words (a table not listed is "the course's tables")
    "normal_ranges": "the normal ranges of motion",
    "thresholds": "the checker's limits",
    "loads": "the course's teaching loads",
}


def plain_text(text: str) -> str:
    """`text` as a learner should read it: no code names, no file paths, degrees as °, ± as ±.

    Parentheses holding only file paths, or naming a function or an option, are dropped whole (the
    sentence reads on without them); a file named inside a sentence becomes what it holds, in words;
    a PubMed Central id after an author's name is dropped, and one standing alone becomes "a study in
    PubMed Central".

    Parameters
    ----------
    text : str
        A note from a data table.

    Returns
    -------
    str
        The same note in plain words.

    >>> plain_text("16.8 +/- 4.5 deg (hip_range, in check_pose)")
    '16.8 ± 4.5°'
    """
    text = _PARENTHESES_OF_PATHS.sub("", text)
    text = _FILE_PATH.sub(lambda match: TABLE_WORDS.get(match.group(1), "the course's tables"), text)
    text = _PARENTHESES_WITH_CODE.sub("", text)
    text = _DEGREES_AFTER_NUMBER.sub(r"\1°", text)
    text = re.sub(r"\bdeg\b", "degrees", text).replace("+/-", "±")
    text = _PUBMED_ID_IN_PARENTHESES.sub("", text)
    return _PUBMED_ID.sub("a study in PubMed Central", text)
