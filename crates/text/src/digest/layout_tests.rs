//! Tests of the digest layout: entries, fences, headings, encodings, dates.
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::digest::{Digest, parse};
use crate::error::Error;
use crate::shared::{SectionKind, sha256_hex};
use crate::vocab::Vocab;

/// The embedded word lists, read once for all tests of this module.
static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

fn read(text: &str) -> Digest {
    read_bytes("2025-05-10.md", text.as_bytes())
}

fn read_bytes(name: &str, bytes: &[u8]) -> Digest {
    parse(Path::new(name), bytes, &VOCAB).expect("a digest")
}

fn texts(lines: &[crate::digest::Line]) -> Vec<&str> {
    lines.iter().map(|l| l.text.as_str()).collect()
}

fn kinds(d: &Digest, entry: usize) -> Vec<SectionKind> {
    d.entries[entry].sections.iter().map(|s| s.kind).collect()
}

/// Two entries: the first with bold headings and no fence, the second in a closed fence.
const DIGEST: &str = "# 📰 Hugging Face Daily Papers – 2025-05-10

## 2505.04921
🔗 https://huggingface.co/papers/2505.04921

**Summary**:
해당 논문은 \"Perception, Reason, Think, and Plan\"로, 추론 능력을 다루고 있습니다.

**1. 핵심 동기와 문제 정의**

대규모 다중모달 추론 모델(LMRMs)은 텍스트와 이미지를 통합합니다.

**6. 한계점 및 잠재적 실패 요인**

- **추론의 깊이**: 복잡한 추론을 수행하는 데 한계가 있습니다.

---

## 2505.04620
🔗 https://huggingface.co/papers/2505.04620

**Summary**:
```markdown
# 논문 요약: \"멀티모달 일반주의자를 향하여\"

## 1. 핵심 동기와 문제 정의

멀티모달 대형 언어 모델(MLLM)의 성능 향상이 가속화됩니다.

## 7. 후속 연구 아이디어 또는 확장 방향

- **데이터셋의 확장**: General-Bench를 확장할 수 있습니다.
```

---
";

#[test]
fn entries_start_only_at_arxiv_id_headings() {
    let d = read(DIGEST);
    let ids: Vec<&str> = d.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["2505.04921", "2505.04620"]);
    assert_eq!(d.entries[0].line, 3);
    assert_eq!(d.entries[1].line, 19);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn numbered_heading_inside_an_entry_is_a_section_not_an_entry() {
    let d = read(DIGEST);
    assert_eq!(d.entries.len(), 2);
    assert_eq!(
        kinds(&d, 1),
        [SectionKind::Motivation, SectionKind::FutureWork]
    );
    let motivation = d.entries[1].section(SectionKind::Motivation).unwrap();
    assert_eq!(motivation.line, 26);
    assert_eq!(
        texts(&motivation.body).join(""),
        "멀티모달 대형 언어 모델(MLLM)의 성능 향상이 가속화됩니다."
    );
}

#[test]
fn text_before_the_first_entry_is_no_entry() {
    let d = read(
        "# Daily Papers – 2025-05-10\n\n## 오늘의 논문\n소개 글입니다.\n\n## 2505.00001\n본문입니다.\n",
    );
    assert_eq!(d.entries.len(), 1);
    assert_eq!(d.entries[0].id, "2505.00001");
    assert_eq!(texts(&d.entries[0].intro), ["본문입니다."]);
}

#[test]
fn link_line_gives_the_url() {
    let d = read(DIGEST);
    assert_eq!(
        d.entries[0].url.as_deref(),
        Some("https://huggingface.co/papers/2505.04921")
    );
    assert_eq!(
        d.entries[1].url.as_deref(),
        Some("https://huggingface.co/papers/2505.04620")
    );
}

#[test]
fn entry_without_link_has_no_url() {
    let d = read("## 2505.00001\n**Summary**:\n본문입니다.\n");
    assert_eq!(d.entries[0].url, None);
}

#[test]
fn rule_ends_an_entry() {
    let d = read(
        "## 2505.00001\n본문입니다.\n\n---\n\n어느 논문에도 속하지 않는 글입니다.\n## 2505.00002\n다음 논문.\n",
    );
    assert_eq!(d.entries.len(), 2);
    assert_eq!(texts(&d.entries[0].intro), ["본문입니다.", ""]);
    assert_eq!(texts(&d.entries[1].intro), ["다음 논문."]);
    let all = format!("{:?}", d.entries);
    assert!(!all.contains("어느 논문에도"));
}

#[test]
fn summary_label_is_not_text() {
    let d = read(DIGEST);
    let e = &d.entries[0];
    assert!(e.intro.iter().all(|l| !l.text.contains("Summary")));
    assert_eq!(
        texts(&e.intro).concat(),
        "해당 논문은 \"Perception, Reason, Think, and Plan\"로, 추론 능력을 다루고 있습니다."
    );
}

#[test]
fn summary_inside_a_markdown_fence_is_read() {
    let d = read(DIGEST);
    let e = &d.entries[1];
    assert_eq!(
        texts(&e.headings),
        ["논문 요약: \"멀티모달 일반주의자를 향하여\""]
    );
    assert_eq!(e.headings[0].no, 24);
    let future = e.section(SectionKind::FutureWork).unwrap();
    assert_eq!(
        texts(&future.body).concat(),
        "- **데이터셋의 확장**: General-Bench를 확장할 수 있습니다."
    );
    assert!(e.intro.iter().all(|l| l.text.is_empty()));
    assert!(e.outro.iter().all(|l| l.text.is_empty()));
}

#[test]
fn unclosed_fence_still_gives_the_sections() {
    let text = "## 2505.00001\n**Summary**:\n```markdown\n## 5. 정량적 결과\n정확도가 5% 향상되었습니다.\n## 6. 한계점\n- 데이터가 적습니다.\n## 2505.00002\n**Summary**:\n## 6. 한계점\n- 느립니다.\n---\n";
    let d = read(text);
    assert_eq!(d.entries.len(), 2);
    assert_eq!(
        kinds(&d, 0),
        [SectionKind::Results, SectionKind::Limitations]
    );
    let lim = d.entries[0].section(SectionKind::Limitations).unwrap();
    assert_eq!(texts(&lim.body), ["- 데이터가 적습니다."]);
    // The fence of the first entry does not leak into the second.
    assert_eq!(kinds(&d, 1), [SectionKind::Limitations]);
    assert!(d.entries[1].outro.is_empty());
}

#[test]
fn apology_before_the_fence_is_intro() {
    let text = "## 2505.00001\n**Summary**:\n죄송합니다만, 논문을 직접 확인할 수 없어 제목을 바탕으로 작성했습니다.\n```markdown\n## 1. 핵심 동기와 문제 정의\n긴 문맥을 다룹니다.\n```\n---\n";
    let d = read(text);
    let e = &d.entries[0];
    assert_eq!(
        texts(&e.intro),
        ["죄송합니다만, 논문을 직접 확인할 수 없어 제목을 바탕으로 작성했습니다."]
    );
    assert_eq!(
        texts(&e.section(SectionKind::Motivation).unwrap().body),
        ["긴 문맥을 다룹니다."]
    );
}

#[test]
fn text_after_a_closed_fence_is_outro_not_future_work() {
    let text = "## 2505.00001\n**Summary**:\n```markdown\n## 7. 후속 연구 아이디어 또는 확장 방향\n- 다국어로 확장할 수 있습니다.\n```\n이 요약이 도움이 되었기를 바랍니다.\n\n---\n";
    let d = read(text);
    let e = &d.entries[0];
    let future = e.section(SectionKind::FutureWork).unwrap();
    assert_eq!(texts(&future.body), ["- 다국어로 확장할 수 있습니다."]);
    assert_eq!(texts(&e.outro), ["이 요약이 도움이 되었기를 바랍니다.", ""]);
    assert_eq!(e.outro[0].no, 7);
}

#[test]
fn unfenced_closing_remark_stays_in_the_last_section() {
    let d = read(DIGEST);
    let e = &d.entries[0];
    assert!(e.outro.is_empty());
    let lim = e.section(SectionKind::Limitations).unwrap();
    assert!(
        texts(&lim.body).contains(&"- **추론의 깊이**: 복잡한 추론을 수행하는 데 한계가 있습니다.")
    );
}

#[test]
fn sections_in_another_order_and_some_missing() {
    let text = "## 2505.00001\n**Summary**:\n### 정량적 결과\n정확도 95%.\n### 핵심 동기\n문제를 정의합니다.\n### 한계점\n느립니다.\n---\n";
    let d = read(text);
    assert_eq!(
        kinds(&d, 0),
        [
            SectionKind::Results,
            SectionKind::Motivation,
            SectionKind::Limitations
        ]
    );
    let e = &d.entries[0];
    assert!(e.section(SectionKind::Architecture).is_none());
    assert!(e.section(SectionKind::FutureWork).is_none());
    assert_eq!(
        texts(&e.section(SectionKind::Motivation).unwrap().body),
        ["문제를 정의합니다."]
    );
    assert_eq!(e.section(SectionKind::Limitations).unwrap().line, 7);
}

#[test]
fn unknown_heading_after_a_section_is_kept_as_text_with_a_warning() {
    let text =
        "## 2505.00001\n## 3. 모델 아키텍처\n### 인코더 구조의 세부 사항\n인코더를 씁니다.\n";
    let d = read(text);
    let arch = d.entries[0].section(SectionKind::Architecture).unwrap();
    assert_eq!(
        texts(&arch.body),
        ["### 인코더 구조의 세부 사항", "인코더를 씁니다."]
    );
    assert_eq!(d.warnings.len(), 1);
    assert_eq!(d.warnings[0].line, 3);
    assert!(d.warnings[0].message.contains("not a known section"));
}

#[test]
fn malformed_id_warns_with_its_line_and_skips_the_entry() {
    let text = "## 2505.00001\n첫 논문.\n---\n## 2505.ABC\n🔗 https://huggingface.co/papers/2505.ABC\n## 6. 한계점\n- 잘못된 항목.\n---\n## 2505.00003\n셋째 논문.\n";
    let d = read(text);
    let ids: Vec<&str> = d.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["2505.00001", "2505.00003"]);
    assert_eq!(d.warnings.len(), 1);
    assert_eq!(d.warnings[0].line, 4);
    assert!(d.warnings[0].message.contains("2505.ABC"));
    assert!(d.warnings[0].to_string().starts_with("2025-05-10.md:4: "));
    assert!(!format!("{:?}", d.entries).contains("잘못된 항목"));
}

#[test]
fn malformed_id_without_a_rule_ends_the_entry_before_it() {
    let text = "## 2505.00001\n첫 논문.\n## 2505.ABC\n떠도는 글.\n";
    let d = read(text);
    assert_eq!(d.entries.len(), 1);
    assert_eq!(texts(&d.entries[0].intro), ["첫 논문."]);
}

#[test]
fn same_id_twice_warns_and_reads_both() {
    let text = "## 2505.00001\n처음.\n---\n## 2505.00001\n다시.\n---\n";
    let d = read(text);
    assert_eq!(d.entries.len(), 2);
    assert_eq!(d.warnings.len(), 1);
    let w = &d.warnings[0];
    assert_eq!(w.line, 4);
    assert!(w.message.contains("2505.00001"), "{}", w.message);
    assert!(w.message.contains("line 1"), "{}", w.message);
}

#[test]
fn file_without_entries_is_not_a_digest() {
    let text = "# Daily Papers – 2025-05-10\n\n오늘은 논문이 없습니다.\n";
    let err = parse(Path::new("2025-05-10.md"), text.as_bytes(), &VOCAB).unwrap_err();
    assert!(matches!(err, Error::NoEntries { .. }), "{err}");
    assert!(
        err.to_string().starts_with("2025-05-10.md:1: no entries"),
        "{err}"
    );
}

fn same_as_clean(bytes: &[u8]) {
    let clean = read(DIGEST);
    let other = read_bytes("2025-05-10.md", bytes);
    assert_eq!(other.date, clean.date);
    assert_eq!(
        serde_json::to_value(&other.entries).unwrap(),
        serde_json::to_value(&clean.entries).unwrap()
    );
    assert_eq!(other.warnings, clean.warnings);
}

#[test]
fn byte_order_mark_parses_like_clean_text() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(DIGEST.as_bytes());
    same_as_clean(&bytes);
}

#[test]
fn crlf_parses_like_clean_text() {
    same_as_clean(DIGEST.replace('\n', "\r\n").as_bytes());
}

#[test]
fn nfd_korean_parses_like_clean_text() {
    let nfd: String = DIGEST.nfd().collect();
    assert_ne!(nfd, DIGEST, "the test text must change under NFD");
    same_as_clean(nfd.as_bytes());
}

#[test]
fn nfd_section_heading_is_recognised() {
    let nfd: String = "## 2505.00001\n## 6. 한계점 및 잠재적 실패 요인\n- 느립니다.\n"
        .nfd()
        .collect();
    let d = read(&nfd);
    assert_eq!(kinds(&d, 0), [SectionKind::Limitations]);
}

#[test]
fn latin1_bytes_are_not_utf8_with_their_line_and_column() {
    let mut bytes = b"# Daily Papers 2025-05-10\n\n## 2505.00001\nCaf".to_vec();
    bytes.push(0xE9); // 'é' in Latin-1
    bytes.extend_from_slice(b" au lait\n");
    let err = parse(Path::new("x.md"), &bytes, &VOCAB).unwrap_err();
    match err {
        Error::NotUtf8 { line, column, .. } => {
            assert_eq!(line, 4);
            assert_eq!(column, 4);
        }
        other => panic!("expected NotUtf8, got {other:?}"),
    }
}

#[test]
fn latin1_on_the_first_line_is_line_one() {
    let err = parse(Path::new("x.md"), b"\xE9t\xE9\n", &VOCAB).unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotUtf8 {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn nul_byte_is_binary() {
    let bytes = b"# 2025-05-10\n## 2505.00001\n\0\x01\x02";
    let err = parse(Path::new("2025-05-10.md"), bytes, &VOCAB).unwrap_err();
    assert!(matches!(err, Error::Binary { .. }), "{err:?}");
}

#[test]
fn date_from_the_header() {
    let d = read_bytes(
        "digest.md",
        "# 📰 Hugging Face Daily Papers – 2025-05-13\n\n## 2505.00001\n".as_bytes(),
    );
    assert_eq!(d.date, "2025-05-13");
}

#[test]
fn header_date_wins_over_the_file_name() {
    let d = read_bytes(
        "2025-05-06.md",
        "# Daily Papers – 2025-05-13\n## 2505.00001\n".as_bytes(),
    );
    assert_eq!(d.date, "2025-05-13");
}

#[test]
fn date_from_the_file_name() {
    let d = read_bytes(
        "data/2025-05-14.md",
        "# Daily Papers\n\n## 2505.00001\n".as_bytes(),
    );
    assert_eq!(d.date, "2025-05-14");
}

#[test]
fn impossible_header_date_falls_back_to_the_file_name() {
    let d = read_bytes(
        "2025-05-07.md",
        "# Daily Papers 2025-13-45\n## 2505.00001\n".as_bytes(),
    );
    assert_eq!(d.date, "2025-05-07");
}

#[test]
fn no_date_anywhere_is_an_error() {
    let err = parse(
        Path::new("digest.md"),
        "# Daily Papers\n\n## 2505.00001\n".as_bytes(),
        &VOCAB,
    )
    .unwrap_err();
    assert!(matches!(err, Error::NoDate { .. }), "{err:?}");
    assert!(err.to_string().starts_with("digest.md:1: no date"));
}

#[test]
fn hash_is_sha256_of_the_bytes() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let a = read(DIGEST);
    let b = read(&DIGEST.replace("한계가", "제약이"));
    assert_ne!(a.hash, b.hash);
}
