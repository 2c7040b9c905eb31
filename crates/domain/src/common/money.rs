//! Money: amounts in minor units (cents) as `i64`, so totals never pick up floating-point
//! noise; their sum, percentages and display.

/// Amount of money in minor units of the workspace currency (e.g. cents).
pub type Money = i64;

/// The largest amount one field may hold: 10^15 minor units (ten trillion in the main unit),
/// beyond any project budget. Validation refuses more, so that sums of thousands of them
/// never overflow; [`total`] saturates beyond that.
pub const MAX_MONEY: Money = 1_000_000_000_000_000;

/// The sum of amounts, held at the largest (or smallest) amount that fits instead of
/// overflowing into a wrong number.
pub fn total(amounts: impl IntoIterator<Item = Money>) -> Money {
    amounts.into_iter().fold(0, Money::saturating_add)
}

/// `part` as a whole percentage of `whole` (rounded down), `None` when `whole` is not above
/// zero. Exact for any two amounts.
pub fn percent_of(part: Money, whole: Money) -> Option<i64> {
    (whole > 0).then(|| {
        let p = i128::from(part) * 100 / i128::from(whole);
        i64::try_from(p).unwrap_or(if p < 0 { i64::MIN } else { i64::MAX })
    })
}

/// Format an amount in minor units as e.g. `EUR 1,234,567` (whole units, thousands separated).
pub fn format_money(amount: Money, currency: &str) -> String {
    let units = amount / 100;
    let negative = units < 0;
    let digits = units.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{currency} {}{grouped}", if negative { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_in_thousands() {
        assert_eq!(format_money(12_345_678_900, "EUR"), "EUR 123,456,789");
        assert_eq!(format_money(99_900, "USD"), "USD 999");
        assert_eq!(format_money(-1_000_000, "GBP"), "GBP -10,000");
        assert_eq!(format_money(0, "EUR"), "EUR 0");
    }
}
