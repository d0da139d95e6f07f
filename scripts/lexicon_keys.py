"""The keys of lexicon labels, shared by scripts/check_lexicon.py and scripts/pwc_tasks.py."""
import re
import unicodedata


def slugify(label: str) -> str:
    """paperkg's slug (paperkg_text::shared::name_key): NFKC, lower case, letters and digits, version dots."""
    chars = list("".join(c.lower() for c in unicodedata.normalize("NFKC", label)))
    out = []
    for i, c in enumerate(chars):
        version_dot = c == "." and 0 < i < len(chars) - 1 and chars[i - 1].isdigit() and chars[i + 1].isdigit()
        if c.isalnum() or version_dot:
            out.append(c)
    return "".join(out)


def label_key(label: str) -> str:
    """The clash key of two labels: lower case without spaces and hyphens."""
    return re.sub(r"[\s\-]+", "", label).lower()
