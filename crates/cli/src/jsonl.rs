//! Reading JSON Lines as raw bytes, one physical line at a time, in bounded chunks.
//!
//! Lines are read as bytes (not `String`) so that one line with invalid UTF-8 is reported
//! on its own instead of failing the whole stream.

use std::io::{self, BufRead};

/// One physical line of the input, without its line terminator (`\n` or `\r\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based physical line number, counting blank lines, as an editor shows it.
    pub number: usize,
    pub bytes: Vec<u8>,
}

impl Line {
    /// Whitespace-only lines are not records (see the `batch` docs).
    pub fn is_blank(&self) -> bool {
        self.bytes.iter().all(u8::is_ascii_whitespace)
    }
}

/// Splits a byte stream into numbered [`Line`]s.
pub struct LineReader<R> {
    inner: R,
    lines_read: usize,
    done: bool,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(inner: R) -> Self {
        LineReader {
            inner,
            lines_read: 0,
            done: false,
        }
    }

    /// The next line, or `None` at end of input. Returns the line and the number of bytes
    /// consumed from the stream (terminator included), for progress reporting.
    pub fn next_line(&mut self) -> io::Result<Option<(Line, usize)>> {
        if self.done {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        let consumed = self.inner.read_until(b'\n', &mut bytes)?;
        if consumed == 0 {
            self.done = true;
            return Ok(None);
        }
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
        }
        self.lines_read += 1;
        Ok(Some((
            Line {
                number: self.lines_read,
                bytes,
            },
            consumed,
        )))
    }

    /// Up to `max_lines` lines, stopping early once `max_bytes` bytes are held (a chunk
    /// always holds at least one line, however long). Empty at end of input. Also returns
    /// the bytes consumed from the stream.
    pub fn next_chunk(
        &mut self,
        max_lines: usize,
        max_bytes: usize,
    ) -> io::Result<(Vec<Line>, u64)> {
        let mut chunk = Vec::new();
        let mut held = 0usize;
        let mut consumed = 0u64;
        while chunk.len() < max_lines && held < max_bytes {
            match self.next_line()? {
                Some((line, n)) => {
                    held += line.bytes.len();
                    consumed += n as u64;
                    chunk.push(line);
                }
                None => break,
            }
        }
        Ok((chunk, consumed))
    }
}

/// Every line of a whole input, for the evaluators (their files are small).
pub fn read_all_lines(reader: impl BufRead) -> io::Result<Vec<Line>> {
    let mut r = LineReader::new(reader);
    let mut out = Vec::new();
    while let Some((line, _)) = r.next_line()? {
        out.push(line);
    }
    Ok(out)
}

/// The message of a serde_json error for a single line: its "line 1" position is
/// meaningless there, so only the column is kept.
pub fn json_error_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let msg = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    if e.column() > 0 {
        format!("invalid JSON record: {msg} (column {})", e.column())
    } else {
        format!("invalid JSON record: {msg}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_physical_numbers_and_strip_crlf() {
        let input = b"a\r\n\nb\nlast-without-newline";
        let lines = read_all_lines(&input[..]).unwrap();
        let got: Vec<(usize, &[u8])> = lines
            .iter()
            .map(|l| (l.number, l.bytes.as_slice()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, &b"a"[..]),
                (2, &b""[..]),
                (3, &b"b"[..]),
                (4, &b"last-without-newline"[..])
            ]
        );
        assert!(lines[1].is_blank());
        assert!(!lines[0].is_blank());
    }

    #[test]
    fn invalid_utf8_is_kept_as_bytes_not_an_io_error() {
        let input = b"ok\n\xff\xfe\nok\n";
        let lines = read_all_lines(&input[..]).unwrap();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].bytes, vec![0xff, 0xfe]);
    }

    #[test]
    fn chunks_respect_line_and_byte_bounds_and_cover_everything() {
        let input = b"1\n22\n333\n4444\n55555\n";
        let mut r = LineReader::new(&input[..]);
        let (c, n) = r.next_chunk(2, 1000).unwrap();
        assert_eq!((c.len(), n), (2, 5));
        // Byte bound: stops once 3 bytes are held, but always takes one line.
        let (c, _) = r.next_chunk(100, 3).unwrap();
        assert_eq!(c.iter().map(|l| l.number).collect::<Vec<_>>(), vec![3]);
        let (c, _) = r.next_chunk(100, 1).unwrap();
        assert_eq!(c[0].number, 4);
        let (c, _) = r.next_chunk(100, 1000).unwrap();
        assert_eq!(c[0].number, 5);
        assert!(r.next_chunk(100, 1000).unwrap().0.is_empty());
    }

    #[test]
    fn json_errors_drop_the_meaningless_line_number() {
        let e = serde_json::from_str::<serde_json::Value>("{\"a\": }").unwrap_err();
        let m = json_error_message(&e);
        assert!(m.starts_with("invalid JSON record: "), "{m}");
        assert!(!m.contains("line 1"), "{m}");
        assert!(m.contains("column 7"), "{m}");
    }
}
