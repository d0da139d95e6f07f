#!/usr/bin/env python3
"""Validate ontology/lexicon.ttl (the SKOS word lists used by paperkg).

Usage: python3 scripts/check_lexicon.py [path/to/lexicon.ttl]
Requires rdflib (pip install rdflib). Exits 1 if any ERROR is found;
WARNings are printed but do not fail the check.

Checks:
  * the file parses as Turtle;
  * the four concept schemes exist (skos:ConceptScheme with @en and @ko prefLabels);
  * every skos:Concept is in exactly one of the four schemes, under the matching
    namespace (task:/dataset:/method:/metric:);
  * exactly one skos:prefLabel per language; @en required everywhere, @ko also
    required for tasks and metrics; only @en/@ko language tags;
  * the local name (slug) is paperkg's slug of the English prefLabel: NFKC, lower
    case, letters and digits only, a dot kept between two digits (the rule paperkg
    mints IRIs with, so listing a name never changes its IRI);
  * no label (pref or alt), compared case-insensitively after removing spaces and
    hyphens, is shared by two different concepts of the same scheme;
  * Korean labels: at least 2 Hangul syllables, altLabels not a one-word generic
    term (prefLabels such as metric "성능" are deliberate), and
    (warning) not ending in a particle;
  * skos:broader links a concept to another concept of the same scheme, with no cycle;
    skos:exactMatch of a task is a Papers with Code task page
    (https://paperswithcode.com/task/<lower-case slug>).
"""
import re
import sys
import unicodedata
from collections import defaultdict
from lexicon_keys import label_key, slugify

try:
    from rdflib import Graph, Namespace, RDF, URIRef
    from rdflib.namespace import SKOS
except ImportError:  # pragma: no cover
    sys.exit("rdflib is required: pip install rdflib")

BASE = "https://w3id.org/paperkg/id/"
SCHEME_NS = BASE + "scheme/"
SCHEMES = {  # scheme local name -> (concept namespace, requires @ko prefLabel)
    "tasks": (BASE + "task/", True),
    "datasets": (BASE + "dataset/", False),
    "methods": (BASE + "method/", False),
    "metrics": (BASE + "metric/", True),
}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# One-word generic Korean terms that would match nearly every summary.
GENERIC_KO = {
    "추론", "생성", "학습", "평가", "모델", "훈련", "분석", "검색", "분류", "탐지",
    "인식", "이해", "예측", "최적화", "데이터", "성능", "방법", "작업", "과제", "시스템",
    "정렬", "편집", "변환", "합성", "추정", "정확", "효율", "증류", "추천", "계획",
    "언어", "이미지", "비디오", "텍스트", "멀티모달", "에이전트", "벤치마크",
}
# Endings that usually mean a particle was left on a noun phrase (warning only).
PARTICLE_ENDINGS = ("을", "를", "에서", "으로", "에게", "와의", "과의", "에의")






def main(path: str) -> int:
    errors, warnings = [], []
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # noqa: BLE001
        print(f"ERROR: cannot parse {path}: {exc}")
        return 1

    # --- schemes
    for name in SCHEMES:
        s = URIRef(SCHEME_NS + name)
        if (s, RDF.type, SKOS.ConceptScheme) not in g:
            errors.append(f"scheme:{name} is not declared as skos:ConceptScheme")
        langs = sorted(str(l.language) for l in g.objects(s, SKOS.prefLabel))
        if langs != ["en", "ko"]:
            errors.append(f"scheme:{name} needs exactly one @en and one @ko prefLabel (has {langs})")

    counts = defaultdict(int)
    label_owner = defaultdict(dict)  # scheme -> norm label -> (concept, raw label)
    for c in sorted(set(g.subjects(RDF.type, SKOS.Concept))):
        cid = str(c)
        schemes = [str(s) for s in g.objects(c, SKOS.inScheme)]
        if len(schemes) != 1 or not schemes[0].startswith(SCHEME_NS) \
                or schemes[0][len(SCHEME_NS):] not in SCHEMES:
            errors.append(f"{cid}: must be in exactly one known scheme (has {schemes})")
            continue
        sname = schemes[0][len(SCHEME_NS):]
        ns, need_ko = SCHEMES[sname]
        counts[sname] += 1
        if not cid.startswith(ns):
            errors.append(f"{cid}: in scheme:{sname} but not under namespace {ns}")
            continue
        local = cid[len(ns):]

        prefs = defaultdict(list)
        for l in g.objects(c, SKOS.prefLabel):
            prefs[l.language].append(str(l))
        for lang, vals in prefs.items():
            if lang not in ("en", "ko"):
                errors.append(f"{cid}: prefLabel with unexpected language tag {lang!r}: {vals}")
            if len(vals) != 1:
                errors.append(f"{cid}: {len(vals)} prefLabels @{lang}: {vals}")
        if not prefs.get("en"):
            errors.append(f"{cid}: missing @en prefLabel")
            continue
        if need_ko and not prefs.get("ko"):
            errors.append(f"{cid}: missing @ko prefLabel (required for {sname})")
        en = prefs["en"][0]
        if slugify(en) != local:
            errors.append(f"{cid}: slug should be {slugify(en)!r} for prefLabel {en!r}")

        labels = [(str(l), l.language, "pref") for l in g.objects(c, SKOS.prefLabel)]
        labels += [(str(l), l.language, "alt") for l in g.objects(c, SKOS.altLabel)]
        for text, lang, kind in labels:
            if lang not in ("en", "ko"):
                errors.append(f"{cid}: {kind}Label {text!r} has language tag {lang!r}")
            if text != text.strip() or not text:
                errors.append(f"{cid}: {kind}Label {text!r} is empty or has outer whitespace")
            has_hangul = bool(HANGUL.search(text))
            if lang == "ko" and not has_hangul:
                warnings.append(f"{cid}: @ko label without Hangul: {text!r}")
            if lang == "en" and has_hangul:
                errors.append(f"{cid}: @en label contains Hangul: {text!r}")
            if has_hangul:
                if len(HANGUL.findall(text)) < 2:
                    errors.append(f"{cid}: Korean label shorter than 2 syllables: {text!r}")
                if kind == "alt" and text.replace(" ", "") in GENERIC_KO:
                    errors.append(f"{cid}: generic one-word Korean label: {text!r}")
                if text.endswith(PARTICLE_ENDINGS):
                    warnings.append(f"{cid}: Korean label may end with a particle: {text!r}")
            key = label_key(text)
            if not key:
                continue
            prev = label_owner[sname].get(key)
            if prev and prev[0] != cid:
                errors.append(f"scheme:{sname}: label {text!r} of {cid} clashes with "
                              f"{prev[1]!r} of {prev[0]}")
            else:
                label_owner[sname].setdefault(key, (cid, text))

    # --- hierarchy and links
    scheme_of = {str(c): str(s) for c, s in g.subject_objects(SKOS.inScheme)}
    broader = defaultdict(set)
    for c, b in g.subject_objects(SKOS.broader):
        if str(b) not in scheme_of or scheme_of.get(str(c)) != scheme_of[str(b)]:
            errors.append(f"{c}: skos:broader {b} is not a concept of the same scheme")
        if c == b:
            errors.append(f"{c}: skos:broader itself")
        broader[str(c)].add(str(b))

    def reaches(start, target, seen):
        for b in broader.get(start, ()):
            if b == target or (b not in seen and (seen.add(b) or reaches(b, target, seen))):
                return True
        return False
    for c in sorted(broader):
        if reaches(c, c, set()):
            errors.append(f"{c}: skos:broader cycle")
    for c, m in g.subject_objects(SKOS.exactMatch):
        if scheme_of.get(str(c)) == SCHEME_NS + "tasks" and \
                not re.fullmatch(r"https://paperswithcode\.com/task/[a-z0-9]+(-[a-z0-9]+)*", str(m)):
            errors.append(f"{c}: skos:exactMatch {m} is not a Papers with Code task page")

    for w in warnings:
        print("WARN:", w)
    for e in errors:
        print("ERROR:", e)
    print("concepts per scheme:", ", ".join(f"{k}={counts[k]}" for k in SCHEMES),
          f"(total {sum(counts.values())}); {len(list(g.subject_objects(SKOS.broader)))} broader links, "
          f"{len(list(g.subject_objects(SKOS.exactMatch)))} exactMatch links")
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    default = __file__.rsplit("/scripts/", 1)[0] + "/ontology/lexicon.ttl"
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else default))
