//! Which document of one side goes with which of the other.

use serde::Serialize;

use super::annotations::Corpus;

/// How documents are paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairBy {
    /// By id; then documents left over on both sides whose texts have the
    /// same SHA-256 (an extractor that named a file differently). Used by
    /// `score`.
    IdThenText,
    /// By text SHA-256 only (two analysts' projects may name documents
    /// differently). Used by `agree`.
    Text,
}

/// A pair of documents whose texts differ, so offsets cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextMismatch {
    pub gold: String,
    pub pred: String,
    pub gold_sha256: String,
    pub pred_sha256: String,
}

/// Documents paired (indices into each corpus's `docs`) and those that are not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocPairing {
    /// Compared: same id (texts equal or unknown) or same text.
    pub pairs: Vec<(usize, usize)>,
    /// Pairs made by text although the ids differ.
    pub by_text: Vec<(usize, usize)>,
    /// Same id, different text: not compared.
    pub text_differs: Vec<(usize, usize)>,
    pub only_gold: Vec<usize>,
    pub only_pred: Vec<usize>,
}

impl DocPairing {
    pub fn mismatches(&self, gold: &Corpus, pred: &Corpus) -> Vec<TextMismatch> {
        self.text_differs
            .iter()
            .map(|&(g, p)| {
                let (g, p) = (&gold.docs[g], &pred.docs[p]);
                TextMismatch {
                    gold: g.id.clone(),
                    pred: p.id.clone(),
                    gold_sha256: g.text_sha256.clone().unwrap_or_default(),
                    pred_sha256: p.text_sha256.clone().unwrap_or_default(),
                }
            })
            .collect()
    }
}

/// Pairs the documents of two corpora (whose `docs` are sorted by id).
pub fn pair_documents(gold: &Corpus, pred: &Corpus, by: PairBy) -> DocPairing {
    let mut pairing = DocPairing::default();
    let mut gold_free = vec![true; gold.docs.len()];
    let mut pred_free = vec![true; pred.docs.len()];
    match by {
        PairBy::IdThenText => {
            pair_by_id(
                gold,
                pred,
                &mut gold_free,
                &mut pred_free,
                &mut pairing,
                true,
            );
            pair_by_text(gold, pred, &mut gold_free, &mut pred_free, &mut pairing);
        }
        PairBy::Text => {
            pair_by_text(gold, pred, &mut gold_free, &mut pred_free, &mut pairing);
            pair_by_id(
                gold,
                pred,
                &mut gold_free,
                &mut pred_free,
                &mut pairing,
                false,
            );
        }
    }
    pairing.pairs.sort_unstable();
    pairing.by_text.sort_unstable();
    pairing.only_gold = (0..gold.docs.len()).filter(|&i| gold_free[i]).collect();
    pairing.only_pred = (0..pred.docs.len()).filter(|&j| pred_free[j]).collect();
    pairing
}

/// Free documents with the same id: a pair (when `pair` and the texts do
/// not differ) or a text mismatch.
fn pair_by_id(
    gold: &Corpus,
    pred: &Corpus,
    gold_free: &mut [bool],
    pred_free: &mut [bool],
    pairing: &mut DocPairing,
    pair: bool,
) {
    let (mut i, mut j) = (0, 0);
    while let (Some(g), Some(p)) = (gold.docs.get(i), pred.docs.get(j)) {
        match g.id.cmp(&p.id) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if gold_free[i] && pred_free[j] {
                    let differ = matches!(
                        (&g.text_sha256, &p.text_sha256),
                        (Some(a), Some(b)) if a != b
                    );
                    if differ {
                        pairing.text_differs.push((i, j));
                        gold_free[i] = false;
                        pred_free[j] = false;
                    } else if pair {
                        pairing.pairs.push((i, j));
                        gold_free[i] = false;
                        pred_free[j] = false;
                    }
                }
                i += 1;
                j += 1;
            }
        }
    }
}

/// Free documents with the same text SHA-256, first with first in id order.
fn pair_by_text(
    gold: &Corpus,
    pred: &Corpus,
    gold_free: &mut [bool],
    pred_free: &mut [bool],
    pairing: &mut DocPairing,
) {
    let mut by_hash: std::collections::BTreeMap<&str, std::collections::VecDeque<usize>> =
        std::collections::BTreeMap::new();
    for (j, doc) in pred.docs.iter().enumerate().filter(|(j, _)| pred_free[*j]) {
        if let Some(hash) = &doc.text_sha256 {
            by_hash.entry(hash).or_default().push_back(j);
        }
    }
    for (i, doc) in gold.docs.iter().enumerate() {
        if !gold_free[i] {
            continue;
        }
        let Some(j) = doc
            .text_sha256
            .as_deref()
            .and_then(|hash| by_hash.get_mut(hash))
            .and_then(std::collections::VecDeque::pop_front)
        else {
            continue;
        };
        gold_free[i] = false;
        pred_free[j] = false;
        pairing.pairs.push((i, j));
        if doc.id != pred.docs[j].id {
            pairing.by_text.push((i, j));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::annotations::{DocAnnotations, SpanSource};

    fn corpus(docs: &[(&str, Option<&str>)]) -> Corpus {
        let mut c = Corpus::new("x", SpanSource::Spans);
        for (id, hash) in docs {
            let mut d = DocAnnotations::new(*id);
            d.text_sha256 = hash.map(str::to_owned);
            c.docs.push(d);
        }
        c
    }

    #[test]
    fn ids_first_then_texts_and_mismatches_reported() {
        let gold = corpus(&[
            ("a", Some("h1")),
            ("b", Some("h2")),
            ("c", Some("h3")),
            ("g", None),
        ]);
        let pred = corpus(&[
            ("a", None),
            ("b", Some("hX")),
            ("renamed", Some("h3")),
            ("z", None),
        ]);
        let p = pair_documents(&gold, &pred, PairBy::IdThenText);
        assert_eq!(p.pairs, vec![(0, 0), (2, 2)]);
        assert_eq!(p.by_text, vec![(2, 2)]);
        assert_eq!(p.text_differs, vec![(1, 1)]);
        assert_eq!(p.only_gold, vec![3]);
        assert_eq!(p.only_pred, vec![3]);
        assert_eq!(p.mismatches(&gold, &pred)[0].pred_sha256, "hX");
    }

    #[test]
    fn by_text_ignores_ids() {
        // Sorted by id, as corpora are.
        let a = corpus(&[
            ("one", Some("h1")),
            ("three", Some("h9")),
            ("two", Some("h2")),
        ]);
        let b = corpus(&[
            ("deux", Some("h2")),
            ("three", Some("h8")),
            ("un", Some("h1")),
        ]);
        let p = pair_documents(&a, &b, PairBy::Text);
        assert_eq!(p.pairs, vec![(0, 2), (2, 0)]);
        assert_eq!(p.text_differs, vec![(1, 1)]);
        assert!(p.only_gold.is_empty() && p.only_pred.is_empty());
    }
}
