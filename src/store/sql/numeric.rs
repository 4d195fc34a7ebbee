//! PostgreSQL's binary `numeric` (what `SUM` of integers gives) as a [`Value`]: an
//! integer when it has no fraction and fits, a real number otherwise.

use super::Value;

/// Decode the binary form: ndigits, weight, sign, display scale (four big-endian i16/u16),
/// then ndigits base-10000 digits, the first worth 10000^weight.
pub(super) fn decode(raw: &[u8]) -> Result<Value, Box<dyn std::error::Error + Sync + Send>> {
    let word = |i: usize| -> Result<i16, String> {
        raw.get(i * 2..i * 2 + 2)
            .map(|b| i16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "short numeric".into())
    };
    let ndigits = word(0)?.max(0) as usize;
    let weight = i32::from(word(1)?);
    let sign = word(2)? as u16;
    let scale = word(3)?;
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    let negative = sign == 0x4000;
    let digits: Vec<i16> = (0..ndigits).map(|k| word(4 + k)).collect::<Result<_, _>>()?;
    let fractional = digits.iter().enumerate().any(|(k, d)| *d != 0 && weight - (k as i32) < 0);
    if scale == 0 || !fractional {
        let mut whole: i128 = 0;
        for (k, d) in digits.iter().enumerate().filter(|(k, _)| weight - (*k as i32) >= 0) {
            whole += i128::from(*d) * 10_000_i128.pow((weight - k as i32) as u32);
        }
        let whole = if negative { -whole } else { whole };
        if let Ok(i) = i64::try_from(whole) {
            return Ok(Value::Int(i));
        }
    }
    let mut real = 0.0_f64;
    for (k, d) in digits.iter().enumerate() {
        real += f64::from(*d) * 10_000_f64.powi(weight - k as i32);
    }
    Ok(Value::Real(if negative { -real } else { real }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(words: &[i16]) -> Vec<u8> {
        words.iter().flat_map(|w| w.to_be_bytes()).collect()
    }

    #[test]
    fn integers_and_fractions_decode() {
        // 123456789 = 1|2345|6789, weight 2.
        assert_eq!(decode(&raw(&[3, 2, 0, 0, 1, 2345, 6789])).unwrap(), Value::Int(123_456_789));
        assert_eq!(decode(&raw(&[1, 1, 0x4000, 0, 5])).unwrap(), Value::Int(-50_000));
        assert_eq!(decode(&raw(&[0, 0, 0, 0])).unwrap(), Value::Int(0));
        // 1.5 = 1 . 5000, weight 0, scale 1.
        assert_eq!(decode(&raw(&[2, 0, 0, 1, 1, 5000])).unwrap(), Value::Real(1.5));
        assert!(decode(&[0, 1]).is_err());
    }
}
