//! The identity of a name: one key for every spelling of it, and the IRI segment made from that key.

use unicode_normalization::UnicodeNormalization;

/// The identity of a name: NFKC, lower case, letters and digits only. "MATH-500", "MATH500" and
/// "math 500" share a key; so do "Alpaca Eval 2.0" and "AlpacaEval 2.0".
///
/// ```
/// use paperkg_text::shared::name_key;
/// assert_eq!(name_key("MATH-500"), name_key("MATH500"));
/// assert_eq!(name_key("Alpaca Eval 2.0"), name_key("AlpacaEval 2.0"));
/// assert_eq!(name_key("SmolLM 코퍼스"), "smollm코퍼스");
/// ```
pub fn name_key(name: &str) -> String {
    // NFKC leaves ASCII as it is, and most names are ASCII: their normalization is skipped.
    let chars: Vec<char> = if name.is_ascii() {
        name.chars().map(|c| c.to_ascii_lowercase()).collect()
    } else {
        name.nfkc().flat_map(char::to_lowercase).collect()
    };
    let mut key = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        // A dot between digits is a version ("Qwen2.5-7B" is not "Qwen2-57B"); other punctuation goes.
        let version_dot = c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_alphanumeric() || version_dot {
            key.push(c);
        }
    }
    key
}

/// The last segment of an entity IRI: the name key, or a hash of the name when it has no letter or digit.
///
/// ```
/// assert_eq!(paperkg_text::shared::slug("GPT-4o"), "gpt4o");
/// assert!(paperkg_text::shared::slug("<>\"").starts_with('x'));
/// ```
pub fn slug(name: &str) -> String {
    let key = name_key(name);
    if !key.is_empty() {
        return key;
    }
    // A name of only punctuation or emoji still needs a stable IRI segment; it is hashed in NFKC, so
    // that the composed and decomposed spellings of one sign ("≠", "=" + U+0338) share it.
    let h = name
        .nfkc()
        .collect::<String>()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("x{h:016x}")
}

#[cfg(test)]
mod tests {
    use oxrdf::NamedNode;

    use super::{name_key, slug};

    fn valid(name: &str) -> NamedNode {
        let s = slug(name);
        NamedNode::new(format!("https://w3id.org/paperkg/id/dataset/{s}"))
            .unwrap_or_else(|e| panic!("slug {s:?} of {name:?} is not a valid IRI segment: {e}"))
    }

    #[test]
    fn spellings_of_one_name_share_a_key() {
        assert_eq!(name_key("MATH-500"), name_key("MATH500"));
        assert_eq!(name_key("math 500"), name_key("MATH500"));
        assert_eq!(name_key("Alpaca Eval 2.0"), name_key("AlpacaEval 2.0"));
        assert_eq!(name_key("GSM8K"), "gsm8k");
    }

    #[test]
    fn full_width_and_nfd_spellings_share_a_key() {
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(name_key("ＭＡＴＨ５００"), name_key("MATH500"));
        let nfd: String = "SmolLM 코퍼스".nfd().collect();
        assert_eq!(name_key(&nfd), "smollm코퍼스");
    }

    #[test]
    fn different_names_have_different_keys() {
        assert_ne!(name_key("GPT-4o"), name_key("GPT-4"));
        assert_ne!(name_key("Llama-3-8B"), name_key("Llama-3-70B"));
    }

    #[test]
    fn version_dot_keeps_two_models_apart() {
        assert_ne!(name_key("Qwen2.5-7B"), name_key("Qwen2-57B"));
    }

    #[test]
    fn a_sign_without_letters_has_one_slug_in_nfc_and_nfd() {
        // tests/properties.rs states this for any name; with the hash of the raw bytes (before NFKC)
        // this pair had two slugs.
        assert_eq!(slug("≠"), slug("=\u{338}"));
    }

    #[test]
    fn slug_is_the_key_when_there_is_one() {
        assert_eq!(slug("GPT-4o"), "gpt4o");
        assert_eq!(slug("FLUX.1 Dev"), "flux1dev");
        assert_eq!(slug("MATH-500"), slug("MATH500"));
    }

    #[test]
    fn slug_of_a_name_without_letters_is_a_stable_hash() {
        let a = slug("<>\"");
        assert!(a.starts_with('x'));
        assert_eq!(a.len(), 17);
        assert_eq!(a, slug("<>\""));
        assert_ne!(a, slug("🚀"));
        assert_ne!(slug("🚀"), slug("🔥"));
    }

    #[test]
    fn slug_of_quoted_name_is_a_valid_iri() {
        assert_eq!(
            valid("\"FG-CLIP\"").as_str(),
            "https://w3id.org/paperkg/id/dataset/fgclip"
        );
        valid("“LEGO-Puzzles”");
        valid("'Sailing AI'");
    }

    #[test]
    fn slug_of_name_with_spaces_is_a_valid_iri() {
        assert_eq!(
            valid("Gemini 1.5 Pro").as_str(),
            "https://w3id.org/paperkg/id/dataset/gemini1.5pro"
        );
    }

    #[test]
    fn slug_of_korean_name_is_a_valid_iri() {
        assert_eq!(
            valid("한국어 수학 벤치마크").as_str(),
            "https://w3id.org/paperkg/id/dataset/한국어수학벤치마크"
        );
    }

    #[test]
    fn slug_of_emoji_and_angle_brackets_is_a_valid_iri() {
        valid("🚀");
        valid("📰 🔗");
        valid("<>\"");
        valid("<MATH500>");
        valid("a<b>\"c\" {d} |e| ^f` \\g");
        assert_eq!(slug("<MATH500>"), "math500");
    }

    #[test]
    fn slug_of_other_scripts_and_digits_is_a_valid_iri() {
        valid("Ⅳ"); // Roman numeral: NFKC turns it into letters.
        valid("٣٤"); // Arabic-Indic digits.
        valid("²³");
        valid("数学");
    }
}
