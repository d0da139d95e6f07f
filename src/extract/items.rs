//! Limitations and future directions: one item per bullet, or per sentence of a paragraph.

use serde::Serialize;

use super::text::{Piece, clip, piece, sentences};
use crate::digest::{Section, SectionKind};
use crate::vocab::Vocab;

/// One limitation or future direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// A short name: the bold label of a bullet, else the start of the sentence.
    pub label: String,
    /// The whole sentence, as written.
    pub text: String,
    pub line: usize,
    pub section: SectionKind,
}

/// Longest label, in characters, made from a sentence that has no bold label.
const LABEL_CHARS: usize = 48;

/// The items of a limitations or future-work section. A sentence saying that none is given gives none.
pub fn items(section: &Section, vocab: &Vocab) -> Vec<Item> {
    let pieces: Vec<Piece> = section.body.iter().filter_map(piece).collect();
    let bullets: Vec<&Piece> = pieces.iter().filter(|p| p.bullet).collect();
    let mut out = Vec::new();
    if bullets.is_empty() {
        for p in &pieces {
            // A bold line alone is a sub-heading ("**한계점**"), not an item.
            if p.text.is_empty() {
                continue;
            }
            for s in sentences(&p.text) {
                if keeps(s, vocab) {
                    out.push(item(p.label.as_deref(), s, p.no, section.kind));
                }
            }
        }
        return out;
    }
    for (i, p) in bullets.iter().enumerate() {
        // A bullet that is only a label, with deeper bullets under it, is the heading of those bullets.
        let parent = p.text.is_empty() && bullets.get(i + 1).is_some_and(|n| n.depth > p.depth);
        if parent || !keeps(&p.full(), vocab) {
            continue;
        }
        let text = if p.text.is_empty() {
            p.full()
        } else {
            p.text.clone()
        };
        out.push(item(p.label.as_deref(), &text, p.no, section.kind));
    }
    out
}

fn keeps(sentence: &str, vocab: &Vocab) -> bool {
    let cues = &vocab.rules.cues;
    let s = sentence.trim();
    let intro = s.ends_with(':') || s.ends_with('：');
    let closing = cues.closing.iter().any(|c| s.contains(c.as_str()));
    !s.is_empty() && !intro && !closing && !vocab.is_none_given(s)
}

fn item(label: Option<&str>, text: &str, line: usize, section: SectionKind) -> Item {
    let label = match label {
        Some(l) if !l.is_empty() => l.to_owned(),
        _ => clip(text.trim_end_matches(['.', '。']), LABEL_CHARS),
    };
    Item {
        label,
        text: text.to_owned(),
        line,
        section,
    }
}
