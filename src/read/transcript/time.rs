//! Timestamps of transcripts, parsed with nom: WebVTT's `00:17:03.250` (hours optional),
//! SRT's `00:17:03,250`, and a transcription app's `17:03` or `1:17:03` (no fraction).

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{map_res, opt};
use nom::sequence::preceded;

use crate::source::Time;

fn number(input: &str) -> IResult<&str, u64> {
    map_res(digit1, str::parse::<u64>).parse(input)
}

fn two(input: &str) -> IResult<&str, u64> {
    map_res(take_while_m_n(2, 2, |c: char| c.is_ascii_digit()), str::parse::<u64>).parse(input)
}

fn millis(input: &str) -> IResult<&str, u64> {
    map_res(take_while_m_n(1, 3, |c: char| c.is_ascii_digit()), |s: &str| {
        // `.5` is half a second, `.050` fifty milliseconds
        s.parse::<u64>().map(|n| n * 10u64.pow(3 - s.len() as u32))
    })
    .parse(input)
}

/// `[h:]mm:ss` with an optional fraction after `.` or `,`: one, two or three fields.
pub(crate) fn timestamp(input: &str) -> IResult<&str, Time> {
    let (rest, first) = number(input)?;
    let (rest, second) = preceded(char(':'), two).parse(rest)?;
    let (rest, third) = opt(preceded(char(':'), two)).parse(rest)?;
    let (rest, fraction) = opt(preceded(nom::branch::alt((char('.'), char(','))), millis)).parse(rest)?;
    let (h, m, s) = match third {
        Some(s) => (first, second, s),
        None => (0, first, second),
    };
    if m >= 60 || s >= 60 || first > 10_000 {
        return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, Time(((h * 60 + m) * 60 + s) * 1000 + fraction.unwrap_or(0))))
}

/// A cue timing line: `start --> end`, then settings (ignored).
pub(crate) fn timing(input: &str) -> IResult<&str, (Time, Time)> {
    let (rest, start) = preceded(space0, timestamp).parse(input)?;
    let (rest, _) = (space1, tag("-->"), space1).parse(rest)?;
    let (rest, end) = timestamp(rest)?;
    Ok((rest, (start, end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_of_every_format() {
        assert_eq!(timestamp("00:17:03.250").unwrap().1, Time(1_023_250));
        assert_eq!(timestamp("17:03.250").unwrap().1, Time(1_023_250));
        assert_eq!(timestamp("00:17:03,250").unwrap().1, Time(1_023_250));
        assert_eq!(timestamp("17:03").unwrap().1, Time(1_023_000));
        assert_eq!(timestamp("1:17:03").unwrap().1, Time(4_623_000));
        assert_eq!(Time(1_023_250).to_string(), "00:17:03.250");
        assert!(timestamp("17:63").is_err());
        assert!(timestamp("1703").is_err());
        assert_eq!(timing("00:00:01.000 --> 00:00:04.500 align:start").unwrap().1, (Time(1000), Time(4500)));
        assert!(timing("00:00:01.000 -> 00:00:04.500").is_err());
    }
}
