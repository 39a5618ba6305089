//! LEB128 numbers and a cursor over a blob's bytes: what the securities master's blob
//! (`tickers/master_blob.rs`) and the coded sentiment model (`sentiment/model_blob.rs`)
//! share. Plain std Rust with `&'static str` errors, included with `#[path]` by both files
//! (and so by `build.rs` too); each turns the errors into its own `BlobError`.

/// Append `n` as LEB128: seven bits a byte, low bits first, the high bit set on all but
/// the last.
pub fn put_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads a section's items in order.
pub struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, at: 0 }
    }

    pub fn byte(&mut self) -> Result<u8, &'static str> {
        let b = *self.bytes.get(self.at).ok_or("cut short")?;
        self.at += 1;
        Ok(b)
    }

    pub fn varint(&mut self) -> Result<u32, &'static str> {
        let mut n: u32 = 0;
        for shift in (0..32).step_by(7) {
            let b = self.byte()?;
            n |= u32::from(b & 0x7f)
                .checked_shl(shift)
                .filter(|v| v >> shift == u32::from(b & 0x7f))
                .ok_or("number too large")?;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err("number too large")
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], &'static str> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or("cut short")?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    pub fn done(&self) -> Result<(), &'static str> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err("bytes left over")
        }
    }
}
