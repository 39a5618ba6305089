//! The one registry of rules. Every [`crate::Explanation`] and [`crate::Event`] names a
//! rule id from here. Ids are stable: never renumber or reuse one; retire it instead.
//!
//! Each area keeps its table (one line a rule) beside its code; this module joins them.

/// One rule: a stable id, a short name and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}

/// Every table of rules, by area.
pub const TABLES: &[&[Rule]] = &[
    crate::sentiment::RULES,
    crate::topics::RULES,
    crate::events::RULES,
];

/// All rules in id order.
pub fn all() -> Vec<&'static Rule> {
    let mut v: Vec<&'static Rule> = TABLES.iter().flat_map(|t| t.iter()).collect();
    crate::sort::sort_by_key(&mut v, |r| r.id);
    v
}

/// The rule with this id.
pub fn lookup(id: &str) -> Option<&'static Rule> {
    TABLES.iter().flat_map(|t| t.iter()).find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique() {
        let all = all();
        for w in all.windows(2) {
            assert_ne!(w[0].id, w[1].id, "duplicate rule id {}", w[0].id);
        }
    }
}
