//! The JSON path of a place in a JSON text: where a parse error happened, named the way a
//! content author reads it (`lessons[2].title`). serde_json reports the line and column of its
//! errors; walking the text up to there gives the path without tracking it during every parse.

/// One open container on the way to the place.
enum Frame {
    /// An object, with the key whose value the walk is in (after the key, until the next comma).
    Object {
        key: Option<String>,
        wants_key: bool,
    },
    /// An array, with the index of the value the walk is in (once that value has begun).
    Array { index: usize, in_value: bool },
}

/// The byte offset of serde_json's `line` (1-based) and `column` (bytes into the line) in
/// `text`, or `None` when the error carries no place (line 0).
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].find('\n')? + 1;
    }
    Some((start + column).min(text.len()))
}

/// The path of the value that `line` and `column` (as serde_json reports them) fall in or just
/// after: `modules[0].version`, `quiz.questions[3]`, or `.` for the file as a whole.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let Some(end) = offset_of(text, line, column) else {
        return ".".to_owned();
    };
    let bytes = &text.as_bytes()[..end];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' => {
                // The string runs to its closing quote (or to the place, if it is cut there).
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let closed = j < bytes.len();
                match stack.last_mut() {
                    Some(Frame::Object { key, wants_key }) if *wants_key && closed => {
                        let raw = &text[i..=j];
                        *key = Some(
                            serde_json::from_str::<String>(raw)
                                .unwrap_or_else(|_| raw[1..raw.len() - 1].to_owned()),
                        );
                        *wants_key = false;
                    }
                    Some(Frame::Array { in_value, .. }) => *in_value = true,
                    _ => {}
                }
                i = j + 1;
                continue;
            }
            b'{' | b'[' => {
                if let Some(Frame::Array { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
                stack.push(if b == b'{' {
                    Frame::Object {
                        key: None,
                        wants_key: true,
                    }
                } else {
                    Frame::Array {
                        index: 0,
                        in_value: false,
                    }
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, wants_key }) => {
                    *key = None;
                    *wants_key = true;
                }
                Some(Frame::Array { index, in_value }) => {
                    *index += 1;
                    *in_value = false;
                }
                None => {}
            },
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            _ => {
                if let Some(Frame::Array { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Array {
                index,
                in_value: true,
            } => path.push_str(&format!("[{index}]")),
            _ => break,
        }
    }
    if path.is_empty() {
        ".".to_owned()
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path of the first error serde_json finds when reading `text` as `T`.
    fn error_path<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let e = serde_json::from_str::<T>(text).unwrap_err();
        path_at(text, e.line(), e.column())
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Lesson {
        id: String,
        minutes: u32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct File {
        format: u32,
        lessons: Vec<Lesson>,
        titles: std::collections::BTreeMap<String, String>,
    }

    const GOOD: &str = r#"{
  "format": 1,
  "titles": {"en": "A [title], {with} \"brackets\"", "de": "Ein Titel"},
  "lessons": [
    {"id": "one", "minutes": 5},
    {"id": "two, three", "minutes": 7},
    {"id": "four", "minutes": 9}
  ]
}"#;

    #[test]
    fn a_value_of_the_wrong_type_is_named_by_its_own_path() {
        let text = GOOD.replace(r#""minutes": 7"#, r#""minutes": "seven""#);
        assert_eq!(error_path::<File>(&text), "lessons[1].minutes");
        let text = GOOD.replace(r#""format": 1"#, r#""format": "one""#);
        assert_eq!(error_path::<File>(&text), "format");
        let text = GOOD.replace(r#""de": "Ein Titel""#, r#""de": 3"#);
        assert_eq!(error_path::<File>(&text), "titles.de");
    }

    #[test]
    fn a_missing_field_is_named_by_the_object_that_lacks_it() {
        let text = GOOD.replace(r#"{"id": "four", "minutes": 9}"#, r#"{"id": "four"}"#);
        assert_eq!(error_path::<File>(&text), "lessons[2]");
        let text = GOOD.replace("  \"format\": 1,\n", "");
        assert_eq!(error_path::<File>(&text), ".");
    }

    #[test]
    fn an_unknown_field_is_named_by_its_key() {
        let text = GOOD.replace(r#""id": "one","#, r#""id": "one", "extra": true,"#);
        assert_eq!(error_path::<File>(&text), "lessons[0].extra");
    }

    #[test]
    fn brackets_commas_and_escapes_inside_strings_do_not_count() {
        let text = GOOD.replace(r#""minutes": 9"#, r#""minutes": -9"#);
        assert_eq!(error_path::<File>(&text), "lessons[2].minutes");
        let text = GOOD.replace(r#""de": "Ein Titel""#, r#""d\u0065": 3"#);
        assert_eq!(error_path::<File>(&text), "titles.de");
    }

    #[test]
    fn broken_json_and_a_cut_off_file_still_get_a_place() {
        let cut = &GOOD[..GOOD.find("\"two").unwrap() + 3];
        assert_eq!(error_path::<File>(cut), "lessons[1].id");
        assert_eq!(error_path::<File>("Module: Stakeholder mapping"), ".");
        assert_eq!(error_path::<File>(""), ".");
        assert_eq!(path_at("{}", 0, 0), ".");
        assert_eq!(path_at("{}", 9, 9), ".");
    }
}
