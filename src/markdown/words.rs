//! Word counts of a body's text as its events go by (for `word_count` and reading time): a
//! word starts at a byte that is not a space after one that is, whichever event it is in.

/// The words that start in `text`, given whether the text before it ended inside a word: a
/// word starts at a byte that is not a space after one that is. Eight bytes at a time (a
/// byte-at-a-time loop was 5% of a whole build); `is_space` is the rule, `space_mask` the
/// same rule on eight bytes at once.
pub(super) fn count_words(text: &str, in_word: &mut bool) -> usize {
    let bytes = text.as_bytes();
    let Some(&last) = bytes.last() else {
        return 0;
    };
    // Bit 7 of each byte of `previous`: whether the byte before it is a space.
    let mut previous: u64 = if *in_word { 0 } else { 0x80 };
    let mut starts = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let spaces = space_mask(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        let before = (spaces << 8) | previous;
        starts += (!spaces & before & HIGH_BITS).count_ones() as usize;
        previous = (spaces >> 56) & 0x80;
    }
    let mut after_space = previous != 0;
    for &b in chunks.remainder() {
        let space = is_space(b);
        starts += usize::from(after_space & !space);
        after_space = space;
    }
    *in_word = !is_space(last);
    starts
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const LOW_BITS: u64 = 0x0101_0101_0101_0101;

/// A space for word counts: ' ', \t, \n, \v, \f, \r.
fn is_space(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(b'\t') < 5
}

/// Bit 7 set in each byte of `x` that `is_space`, clear in the others. No carry crosses a
/// byte: each sum is at most 0x7F + 0x7F.
fn space_mask(x: u64) -> u64 {
    let low7 = x & !HIGH_BITS;
    // Bit 7 set where the byte is zero.
    let zero = |y: u64| !(((y & !HIGH_BITS) + !HIGH_BITS) | y) & HIGH_BITS;
    let blank = zero(x ^ (LOW_BITS * u64::from(b' ')));
    // Bit 7 set where the low seven bits are at least n: add 0x80 - n.
    let at_least = |n: u8| (low7 + LOW_BITS * u64::from(0x80 - n)) & HIGH_BITS;
    let control = at_least(b'\t') & !at_least(b'\r' + 1) & !(x & HIGH_BITS);
    blank | control
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_byte_space_rule_is_the_byte_rule_for_every_byte_in_every_lane() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = [b'x'; 8];
                bytes[lane] = b;
                let mask = space_mask(u64::from_le_bytes(bytes));
                let expected = if is_space(b) {
                    0x80u64 << (8 * lane)
                } else {
                    0
                };
                assert_eq!(mask, expected, "byte {b:#04x} in lane {lane}");
            }
        }
    }

    #[test]
    fn words_are_counted_across_text_pieces_as_split_whitespace_counts_them() {
        let texts = [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tand\nnewline\r\nand\x0bvertical\x0cfeed",
            "Київ — переговори, 2025 р.",
            "a b  c   d",
            "the quick\tbrown  fox\njumps over\r\nthe lazy dog; Київ, 24 лютого\x0b\x0c end ",
            "\u{80}\u{89}\u{8d}\u{a0} \u{2009}x\u{7f}\u{1}\u{8} \u{e}y",
        ];
        for text in texts {
            let expected = text
                .split([' ', '\t', '\n', '\x0b', '\x0c', '\r'])
                .filter(|w| !w.is_empty())
                .count();
            // Whole, and cut into pieces at every byte boundary (a word may span events).
            let mut in_word = false;
            assert_eq!(count_words(text, &mut in_word), expected, "{text:?}");
            for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
                let mut in_word = false;
                let n = count_words(&text[..cut], &mut in_word)
                    + count_words(&text[cut..], &mut in_word);
                assert_eq!(n, expected, "{text:?} cut at {cut}");
            }
        }
    }
}
