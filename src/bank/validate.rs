//! The validation pass: raw schema values in, validated [`Question`]s and
//! [`Fact`]s out, with every problem of every file collected on the way.
//!
//! Each fact and question is first checked on its own by a [`Checker`], which can
//! run on any thread as soon as its entry is parsed, so the raw values never pile
//! up. The checks that need other entries run after, in file order: [`Facts`]
//! refuses duplicate fact ids, [`check_fact_refs`] flags citations of unknown facts
//! and `bank::pipeline` refuses duplicate question ids. A question with an error
//! is left out of the catalog; the run still reports all other problems.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;

use super::derived::Derived;
use super::fact::{Confidence, Fact, is_valid_source};
use super::lexicon::Lexicon;
use super::limits::MAX_OPTIONS;
use super::question::{
    Backing, Choice, Concept, DEFAULT_PASS, Difficulty, Folding, KIND_NAMES, Kind, Order, Origin,
    Question, QuestionTexts, Recall, Short, TrueFalse,
};
use super::scenario::{OrgScope, RawScenario, check_scenario};
use super::schema::{PairList, RawConcept, RawFact, RawQuestion, Text, TextList, kind_fields};
use super::texts::Texts;
use crate::diagnostic::{Diagnostic, SourceText};
use crate::suggest::did_you_mean;

/// The facts kept so far, in file order, with where each id was first defined.
#[derive(Debug, Default)]
pub struct Facts {
    pub facts: Vec<Fact>,
    origins: HashMap<String, String>,
}

impl Facts {
    /// Keeps `fact` (defined in `source` with its id at `id_span`) unless its id
    /// was defined before, which is an error.
    pub fn add(
        &mut self,
        fact: Fact,
        id_span: Range<usize>,
        source: &SourceText<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if let Some(first) = self.origins.get(&fact.id) {
            diagnostics.push(source.error(
                id_span,
                format!("duplicate fact id `{}`", fact.id),
                format!("first defined at {first}; fact ids must be unique"),
            ));
        } else {
            self.origins
                .insert(fact.id.clone(), source.origin(id_span.start));
            self.facts.push(fact);
        }
    }

    /// The ids of the kept facts, for checking what questions cite.
    pub fn ids(&self) -> FactIds<'_> {
        FactIds {
            known: self
                .facts
                .iter()
                .map(|fact| (fact.id.as_str(), Arc::from(fact.id.as_str())))
                .collect(),
            facts: &self.facts,
        }
    }
}

/// Every fact id, for looking up citations from any thread; questions share the
/// one copy of each id kept here.
#[derive(Debug)]
pub struct FactIds<'a> {
    known: HashMap<&'a str, Arc<str>>,
    /// In definition order, so that suggestions do not depend on hashing.
    facts: &'a [Fact],
}

/// The topics met so far, so that the questions of a topic share one copy.
#[derive(Debug, Default)]
pub struct Topics(Vec<Arc<str>>);

impl Topics {
    /// Banks have a handful of topics; past this many, new ones are not kept
    /// (each question then has its own copy), so a search never gets long.
    const MAX_KEPT: usize = 64;

    fn intern(&mut self, topic: String) -> Arc<str> {
        if let Some(known) = self.0.iter().find(|known| ***known == *topic) {
            return Arc::clone(known);
        }
        let topic: Arc<str> = Arc::from(topic);
        if self.0.len() < Self::MAX_KEPT {
            self.0.push(Arc::clone(&topic));
        }
        topic
    }
}

/// Reports every fact `checked` cites that no bank defines; returns whether the
/// question may be kept, and when it may, fills in its facts.
pub fn check_fact_refs(
    checked: &mut CheckedQuestion,
    fact_ids: &FactIds<'_>,
    source: &SourceText<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut ok = true;
    let mut facts = Vec::with_capacity(checked.fact_refs.len());
    for (fact_id, span) in &checked.fact_refs {
        if let Some(known) = fact_ids.known.get(fact_id.as_str()) {
            facts.push(Arc::clone(known));
        } else {
            ok = false;
            let known = fact_ids.facts.iter().map(|fact| fact.id.as_str());
            let suggestion = did_you_mean(fact_id, known);
            diagnostics.push(source.error(
                span.clone(),
                format!("unknown fact id `{fact_id}`"),
                if suggestion.is_empty() {
                    "cite an id defined by a [[fact]] (content/facts.toml)".to_string()
                } else {
                    suggestion
                },
            ));
        }
    }
    if ok {
        checked.question.facts = facts.into_boxed_slice();
    }
    ok
}

/// The error for a question id defined a second time; `first` is where the
/// first definition is (`path:line:col`).
pub fn duplicate_question(
    source: &SourceText<'_>,
    id: &str,
    id_span: Range<usize>,
    first: &str,
) -> Diagnostic {
    source.error(
        id_span,
        format!("duplicate question id `{id}`"),
        format!("first defined at {first}; question ids must be unique across all banks"),
    )
}

/// A question that passed its own checks, waiting for the checks across files;
/// its `facts` are filled in by [`check_fact_refs`]. Spans here are offsets into
/// the whole file.
#[derive(Debug)]
pub struct CheckedQuestion {
    pub question: Question,
    /// The question's id, also in `question`, kept for the checks across files.
    pub id: String,
    pub id_span: Range<usize>,
    /// The facts cited, each once, with where.
    pub fact_refs: Vec<(String, Range<usize>)>,
}

/// Checks of one entry on its own. Raw values' spans are relative to `base`, the
/// offset in the file of the text they were parsed from; when that text is a
/// chunk of the file (`bank::split`), `base` starts line `base_line`.
pub struct Checker<'s, 'd> {
    source: &'s SourceText<'s>,
    base: usize,
    base_line: Option<usize>,
    diagnostics: &'d mut Vec<Diagnostic>,
    n_errors: usize,
    /// The org files scenario and diagnose questions may name.
    orgs: OrgScope<'s>,
    /// The file's synonyms and confusable terms.
    lexicon: Arc<Lexicon>,
}

impl<'s, 'd> Checker<'s, 'd> {
    pub fn new(
        source: &'s SourceText<'s>,
        base: usize,
        base_line: Option<usize>,
        diagnostics: &'d mut Vec<Diagnostic>,
    ) -> Checker<'s, 'd> {
        Checker {
            source,
            base,
            base_line,
            diagnostics,
            n_errors: 0,
            orgs: OrgScope::NONE,
            lexicon: Lexicon::empty(),
        }
    }

    /// The checker, with the org files its bank's scenario and diagnose
    /// questions may name (none unless given).
    pub fn with_orgs(self, orgs: OrgScope<'s>) -> Checker<'s, 'd> {
        Checker { orgs, ..self }
    }

    /// The lexicon of the file the questions come from.
    pub fn with_lexicon(self, lexicon: Arc<Lexicon>) -> Checker<'s, 'd> {
        Checker { lexicon, ..self }
    }

    fn shift(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    /// Line and column of a (relative) offset. An entry starts on its chunk's
    /// first line, so this counts from the chunk instead of indexing the file.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = self.base + offset;
        if let Some(line) = self.base_line
            && let Some(prefix) = self.source.text.get(self.base..offset)
            && !prefix.contains('\n')
        {
            return (line, prefix.chars().count() + 1);
        }
        self.source.locate(offset)
    }
}

/// The right choice's length and the longest wrong choice's, in characters
/// (trimmed), when the right one gives itself away by length: it is the longest
/// choice, at least 1.25 times and at least 12 characters longer than every wrong
/// one. The absolute margin keeps short labels (`Active`, `Preview`) quiet.
fn length_give_away(choices: &Texts, right: usize) -> Option<(usize, usize)> {
    let length = |text: &str| text.trim().chars().count();
    let right_len = length(choices.get(right)?);
    let wrong_len = choices
        .iter()
        .enumerate()
        .filter(|&(idx, _)| idx != right)
        .map(|(_, text)| length(text))
        .max()?;
    (right_len * 4 >= wrong_len * 5 && right_len >= wrong_len + 12)
        .then_some((right_len, wrong_len))
}

impl Checker<'_, '_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        self.n_errors += 1;
        let span = self.shift(span);
        self.diagnostics
            .push(self.source.error(span, message, hint));
    }

    fn warn(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        let span = self.shift(span);
        self.diagnostics
            .push(self.source.error(span, message, hint).warning());
    }

    /// A required string: present and not blank.
    fn required(
        &mut self,
        value: Option<Text>,
        field: &str,
        table: &str,
        span: &Range<usize>,
    ) -> Option<Spanned<String>> {
        match value {
            None => {
                self.error(
                    span.clone(),
                    format!("{table} is missing `{field}`"),
                    format!("add `{field} = \"...\"` to this {table}"),
                );
                None
            }
            Some(text) if text.get_ref().trim().is_empty() => {
                self.error(
                    text.span(),
                    format!("`{field}` is empty"),
                    format!("write the {field}"),
                );
                None
            }
            Some(text) => Some(text),
        }
    }

    fn id(&mut self, value: Option<Text>, table: &str, span: &Range<usize>) -> Option<Text> {
        let id = self.required(value, "id", table, span)?;
        if !is_valid_id(id.get_ref()) {
            self.error(
                id.span(),
                format!("`{}` is not a valid id", id.get_ref()),
                "use dotted lowercase words, like `setup.order` or `roles.first-user`",
            );
            return None;
        }
        if id
            .get_ref()
            .starts_with(crate::session::generated::GENERATED_PREFIX)
        {
            self.error(
                id.span(),
                format!("`{}` uses a reserved prefix", id.get_ref()),
                "`generated.` is reserved for `quiz --generated`; pick another first word",
            );
            return None;
        }
        Some(id)
    }

    /// A fact on its own, with its id's span in the file.
    pub fn fact(&mut self, raw: RawFact, span: Range<usize>) -> Option<(Fact, Range<usize>)> {
        let id = self.id(raw.id, "fact", &span);
        let statement = self.required(raw.statement, "statement", "fact", &span);
        let source = self.required(raw.source, "source", "fact", &span);
        if let Some(source) = &source
            && !is_valid_source(source.get_ref())
        {
            self.error(
                source.span(),
                format!("`{}` is not a source", source.get_ref()),
                "write `seed: <section>` or a source row such as `D5.3` (docs/SOURCES.md)",
            );
            return None;
        }
        let confidence = match raw.confidence {
            None => None,
            Some(text) => match Confidence::parse(text.get_ref()) {
                Some(confidence) => Some(confidence),
                None => {
                    self.error(
                        text.span(),
                        format!("unknown confidence `{}`", text.get_ref()),
                        "use `H`, `M` or `L`, as docs/SOURCES.md rates the row",
                    );
                    return None;
                }
            },
        };
        let (id, statement, source) = (id?, statement?, source?);
        let source_text = source.into_inner();
        if source_text.starts_with('D') && confidence.is_none() {
            self.warn(
                span.clone(),
                format!(
                    "fact `{}` cites a source row but has no `confidence`",
                    id.get_ref()
                ),
                "add `confidence = \"H\"`, \"M\" or \"L\" as docs/SOURCES.md rates the row",
            );
        }
        let id_span = self.shift(id.span());
        Some((
            Fact {
                id: id.into_inner(),
                statement: statement.into_inner(),
                source: source_text,
                confidence,
            },
            id_span,
        ))
    }

    /// A question on its own; `None` when it has an error.
    pub fn question(
        &mut self,
        raw: &mut RawQuestion,
        span: Range<usize>,
        path: &Arc<str>,
        topics: &mut Topics,
    ) -> Option<CheckedQuestion> {
        let n_errors = self.error_count();
        let id = self.id(raw.id.take(), "question", &span);
        let kind_name = self.kind(raw.kind.take(), &span);
        let topic = self.required(raw.topic.take(), "topic", "question", &span);
        if let Some(topic) = &topic
            && !is_valid_topic(topic.get_ref())
        {
            self.error(
                topic.span(),
                format!("`{}` is not a valid topic", topic.get_ref()),
                "use one lowercase word, like `setup` or `partner`",
            );
        }
        let prompt = self.required(raw.prompt.take(), "prompt", "question", &span);
        let explanation = self.required(raw.explanation.take(), "explanation", "question", &span);
        let fact_refs = self.fact_refs(raw.facts.take(), &span);
        let difficulty = self.difficulty(raw.difficulty.take());
        let pass = self.pass(raw.pass.take());
        let deeper = self.optional_text(raw.deeper.take(), "deeper");
        let hint = self.optional_text(raw.hint.take(), "hint");
        let tags = raw
            .tags
            .take()
            .map(|tags| Texts::pack(tags.get_ref().iter().map(|tag| tag.get_ref().as_str())))
            .unwrap_or_default();
        let kind = match &kind_name {
            Some(kind_name) => {
                self.foreign_fields(raw, kind_name);
                self.kind_body(raw, kind_name, &span)
            }
            None => None,
        };
        if self.error_count() > n_errors {
            return None;
        }
        let id = id?;
        let id_span = self.shift(id.span());
        let (line, column) = self.locate(span.start);
        let texts = QuestionTexts::new(
            id.get_ref(),
            prompt?.get_ref(),
            explanation?.get_ref(),
            deeper.as_deref(),
            hint.as_deref(),
        );
        Some(CheckedQuestion {
            question: Question {
                texts,
                topic: topics.intern(topic?.into_inner()),
                facts: Box::default(),
                difficulty: difficulty.unwrap_or_default(),
                tags,
                pass: pass.unwrap_or(DEFAULT_PASS),
                kind: kind?,
                origin: Origin {
                    path: Arc::clone(path),
                    line,
                    column,
                },
            },
            id: id.into_inner(),
            id_span,
            fact_refs,
        })
    }

    fn error_count(&self) -> usize {
        self.n_errors
    }

    fn kind(&mut self, value: Option<Text>, span: &Range<usize>) -> Option<String> {
        let kind = self.required(value, "kind", "question", span)?;
        if KIND_NAMES.contains(&kind.get_ref().as_str()) {
            return Some(kind.into_inner());
        }
        let suggestion = did_you_mean(kind.get_ref(), KIND_NAMES.iter().copied());
        self.error(
            kind.span(),
            format!("unknown kind `{}`", kind.get_ref()),
            if suggestion.is_empty() {
                format!("use one of: {}", KIND_NAMES.join(", "))
            } else {
                suggestion
            },
        );
        None
    }

    /// The facts cited, each once, with where each is cited in the file.
    fn fact_refs(
        &mut self,
        value: Option<TextList>,
        span: &Range<usize>,
    ) -> Vec<(String, Range<usize>)> {
        let Some(list) = value else {
            self.error(
                span.clone(),
                "question is missing `facts`",
                "cite the facts it tests: `facts = [\"setup.enable-dx\"]`",
            );
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            self.error(
                list.span(),
                "`facts` is empty",
                "cite at least one fact the question tests",
            );
        }
        let entries = list.into_inner();
        let mut refs: Vec<(String, Range<usize>)> = Vec::with_capacity(entries.len());
        for fact in entries {
            if refs.iter().any(|(seen, _)| seen == fact.get_ref()) {
                self.warn(
                    fact.span(),
                    format!("fact `{}` is cited twice", fact.get_ref()),
                    "remove the repeated id",
                );
                continue;
            }
            let span = self.shift(fact.span());
            refs.push((fact.into_inner(), span));
        }
        refs
    }

    fn difficulty(&mut self, value: Option<Text>) -> Option<Difficulty> {
        let text = value?;
        let parsed = Difficulty::parse(text.get_ref());
        if parsed.is_none() {
            self.error(
                text.span(),
                format!("unknown difficulty `{}`", text.get_ref()),
                "use `easy`, `medium` or `hard`",
            );
        }
        parsed
    }

    fn pass(&mut self, value: Option<Spanned<f64>>) -> Option<f64> {
        let pass = value?;
        let mark = *pass.get_ref();
        if !(mark > 0.0 && mark <= 1.0) {
            self.error(
                pass.span(),
                format!("pass mark {mark} is outside 0 to 1"),
                "use a score such as `pass = 0.8`; leave it out for the default 0.7",
            );
            return None;
        }
        Some(mark)
    }

    fn optional_text(&mut self, value: Option<Text>, field: &str) -> Option<String> {
        let text = value?;
        if text.get_ref().trim().is_empty() {
            self.warn(
                text.span(),
                format!("`{field}` is empty"),
                format!("write the {field} or remove the field"),
            );
            return None;
        }
        Some(text.into_inner())
    }

    /// Fields present that belong to another kind.
    fn foreign_fields(&mut self, raw: &RawQuestion, kind_name: &str) {
        let allowed = kind_fields(kind_name);
        let present: [(&str, Option<Range<usize>>); 18] = [
            ("choices", raw.choices.as_ref().map(Spanned::span)),
            ("correct", raw.correct.as_ref().map(Spanned::span)),
            ("multiple", raw.multiple.as_ref().map(Spanned::span)),
            ("answer", raw.answer.as_ref().map(Spanned::span)),
            ("accept", raw.accept.as_ref().map(Spanned::span)),
            ("fold_case", raw.fold_case.as_ref().map(Spanned::span)),
            ("fold_accents", raw.fold_accents.as_ref().map(Spanned::span)),
            (
                "fold_punctuation",
                raw.fold_punctuation.as_ref().map(Spanned::span),
            ),
            ("typos", raw.typos.as_ref().map(Spanned::span)),
            ("items", raw.items.as_ref().map(Spanned::span)),
            ("before", raw.before.as_ref().map(Spanned::span)),
            ("model_answer", raw.model_answer.as_ref().map(Spanned::span)),
            ("concept", raw.concept.as_ref().map(Spanned::span)),
            ("org", raw.org.as_ref().map(Spanned::span)),
            ("goal", raw.goal.as_ref().map(|goal| goal.span())),
            ("solution", raw.solution.as_ref().map(Spanned::span)),
            ("wrong", raw.wrong.as_ref().map(Spanned::span)),
            ("avoid", raw.avoid.as_ref().map(Spanned::span)),
        ];
        for (field, span) in present {
            if let Some(span) = span
                && !allowed.contains(&field)
            {
                let owner = KIND_NAMES
                    .iter()
                    .find(|kind| kind_fields(kind).contains(&field))
                    .copied()
                    .unwrap_or("another kind");
                self.error(
                    span,
                    format!("`{field}` does not apply to a `{kind_name}` question"),
                    format!("`{field}` belongs to `{owner}` questions; remove it or change `kind`"),
                );
            }
        }
    }

    fn kind_body(
        &mut self,
        raw: &mut RawQuestion,
        kind_name: &str,
        span: &Range<usize>,
    ) -> Option<Kind> {
        match kind_name {
            "choice" => self.choice(raw, span).map(Kind::Choice),
            "truefalse" => match raw.answer.take() {
                Some(answer) => Some(Kind::TrueFalse(TrueFalse {
                    answer: answer.into_inner(),
                })),
                None => {
                    self.error(
                        span.clone(),
                        "truefalse question is missing `answer`",
                        "add `answer = true` or `answer = false`",
                    );
                    None
                }
            },
            "short" => self.short(raw, span).map(Kind::Short),
            "order" => {
                let items = self.list(raw.items.take(), "items", 2, span)?;
                let before = self.before(raw.before.take(), items.len())?;
                Some(Kind::Order(Order { items, before }))
            }
            "recall" => self.recall(raw, span).map(Kind::Recall),
            "scenario" | "diagnose" => {
                let fields = RawScenario {
                    org: raw.org.take(),
                    goal: raw.goal.take(),
                    solution: raw.solution.take(),
                    wrong: raw.wrong.take(),
                    avoid: raw.avoid.take(),
                };
                let orgs = self.orgs;
                let is_scenario = kind_name == "scenario";
                check_scenario(
                    fields,
                    is_scenario,
                    orgs,
                    span,
                    &mut |span, message, hint| self.error(span, message, hint),
                )
            }
            _ => None,
        }
    }

    /// A list of distinct, non-blank strings with at least `min` entries.
    fn list(
        &mut self,
        value: Option<TextList>,
        field: &str,
        min: usize,
        span: &Range<usize>,
    ) -> Option<Texts> {
        let Some(list) = value else {
            self.error(
                span.clone(),
                format!("question is missing `{field}`"),
                format!("add `{field} = [\"...\", \"...\"]`"),
            );
            return None;
        };
        let list_span = list.span();
        let entries = list.into_inner();
        let mut ok = true;
        if entries.len() < min {
            self.error(
                list_span.clone(),
                format!(
                    "`{field}` has {} entries; at least {min} are needed",
                    entries.len()
                ),
                format!("add more {field}"),
            );
            ok = false;
        }
        // The quiz letters choices and items a to z.
        if matches!(field, "choices" | "items") && entries.len() > MAX_OPTIONS {
            self.error(
                list_span.clone(),
                format!(
                    "`{field}` has {} entries; at most {MAX_OPTIONS} can be lettered",
                    entries.len()
                ),
                format!("keep at most {MAX_OPTIONS} {field}"),
            );
            ok = false;
        }
        for (idx, entry) in entries.iter().enumerate() {
            let text = entry.get_ref().trim();
            if text.is_empty() {
                self.error(
                    entry.span(),
                    format!("empty entry in `{field}`"),
                    "write the text or remove the entry",
                );
                ok = false;
            } else if entries[..idx]
                .iter()
                .any(|earlier| same_folded(earlier.get_ref().trim(), text))
            {
                self.error(
                    entry.span(),
                    format!("duplicate entry `{}` in `{field}`", entry.get_ref()),
                    "each entry must be different",
                );
                ok = false;
            }
        }
        ok.then(|| Texts::pack(entries.iter().map(|entry| entry.get_ref().as_str())))
    }

    fn choice(&mut self, raw: &mut RawQuestion, span: &Range<usize>) -> Option<Choice> {
        let choices = self.list(raw.choices.take(), "choices", 2, span);
        let Some(correct) = raw.correct.take() else {
            self.error(
                span.clone(),
                "choice question has no right answer: `correct` is missing",
                "add `correct = [1]` with the 1-based number of the right choice",
            );
            return None;
        };
        let correct_span = correct.span();
        let n_choices = choices.as_ref().map_or(usize::MAX, Texts::len);
        let mut indices = Vec::with_capacity(correct.get_ref().len());
        for number in correct.into_inner() {
            let value = *number.get_ref();
            if value < 1 || value as u64 > n_choices as u64 {
                self.error(
                    number.span(),
                    format!("`correct` names choice {value}, but there are {n_choices} choices"),
                    "number the choices from 1, in bank order",
                );
                return None;
            }
            let idx = (value - 1) as usize;
            if indices.contains(&idx) {
                self.error(
                    number.span(),
                    format!("choice {value} is listed twice in `correct`"),
                    "list each right choice once",
                );
                return None;
            }
            indices.push(idx);
        }
        if indices.is_empty() {
            self.error(
                correct_span,
                "choice question has no right answer: `correct` is empty",
                "add the 1-based number of at least one right choice",
            );
            return None;
        }
        indices.sort_unstable();
        let multiple = match raw.multiple.take() {
            Some(flag) if !*flag.get_ref() && indices.len() > 1 => {
                self.error(
                    flag.span(),
                    "`multiple = false` but `correct` lists several choices",
                    "remove `multiple`, or keep one right choice",
                );
                return None;
            }
            Some(flag) => flag.into_inner(),
            None => indices.len() > 1,
        };
        let choices = choices?;
        if indices.len() == choices.len() {
            self.warn(
                correct_span.clone(),
                "every choice is marked right",
                "a question where nothing is wrong teaches little; add a distractor",
            );
        }
        if let [right] = indices[..]
            && !multiple
            && let Some((right_len, wrong_len)) = length_give_away(&choices, right)
        {
            self.warn(
                correct_span,
                format!(
                    "the right choice stands out by length: {right_len} characters, \
                     the longest wrong one {wrong_len}"
                ),
                "a learner can pick the longest choice without knowing why; \
                 shorten it or give the distractors the same detail",
            );
        }
        Some(Choice {
            choices,
            correct: indices,
            multiple,
        })
    }

    fn short(&mut self, raw: &mut RawQuestion, span: &Range<usize>) -> Option<Short> {
        let accept = self.list(raw.accept.take(), "accept", 1, span)?;
        let flag = |value: Option<Spanned<bool>>| value.is_none_or(Spanned::into_inner);
        Some(Short {
            accept,
            folding: Folding {
                case: flag(raw.fold_case.take()),
                accents: flag(raw.fold_accents.take()),
                punctuation: flag(raw.fold_punctuation.take()),
                typos: flag(raw.typos.take()),
            },
        })
    }

    fn recall(&mut self, raw: &mut RawQuestion, span: &Range<usize>) -> Option<Recall> {
        let model_answer = self.required(
            raw.model_answer.take(),
            "model_answer",
            "recall question",
            span,
        );
        let Some(concepts) = raw.concept.take() else {
            self.error(
                span.clone(),
                "recall question has no concepts",
                "add a rubric: one [[question.concept]] per idea the answer should name",
            );
            return None;
        };
        let concepts_span = concepts.span();
        let raw_concepts = concepts.into_inner();
        if raw_concepts.is_empty() {
            self.error(
                concepts_span,
                "recall question has no concepts",
                "add at least one [[question.concept]]",
            );
            return None;
        }
        let mut checked = Vec::new();
        let mut phrase_owner: HashMap<String, String> = HashMap::new();
        for concept in raw_concepts {
            let concept_span = concept.span();
            if let Some(concept) = self.concept(concept.into_inner(), &concept_span) {
                for phrase in concept.phrases.iter() {
                    let key = phrase.trim().to_lowercase();
                    if let Some(owner) = phrase_owner.get(&key) {
                        self.warn(
                            concept_span.clone(),
                            format!(
                                "phrase `{phrase}` counts for both `{owner}` and `{}`",
                                concept.name
                            ),
                            "a phrase should earn one concept; make it more specific",
                        );
                    } else {
                        phrase_owner.insert(key, concept.name.to_string());
                    }
                }
                checked.push(concept);
            }
        }
        Some(Recall {
            model_answer: model_answer?.into_inner().into_boxed_str(),
            concepts: checked.into_boxed_slice(),
            lexicon: Arc::clone(&self.lexicon),
            derived: Derived::default(),
        })
    }

    /// An order question's hard dependencies, 0-based; every pair names two
    /// different items, and together they leave the bank's order possible.
    fn before(&mut self, raw: Option<PairList>, n_items: usize) -> Option<Box<[(u16, u16)]>> {
        let Some(raw) = raw else {
            return Some(Box::default());
        };
        let mut pairs = Vec::new();
        let mut ok = true;
        for pair in raw.into_inner() {
            let pair_span = pair.span();
            let numbers = pair.into_inner();
            let [first, then] = numbers.as_slice() else {
                self.error(
                    pair_span,
                    "a dependency is a pair of item numbers",
                    "write `[1, 3]`: item 1 must come before item 3",
                );
                ok = false;
                continue;
            };
            let mut index = |number: &Spanned<i64>| {
                let value = *number.get_ref();
                if (1..=n_items as i64).contains(&value) {
                    Some((value - 1) as u16)
                } else {
                    self.error(
                        number.span(),
                        format!("there is no item {value}"),
                        format!("items are numbered 1 to {n_items}, in bank order"),
                    );
                    None
                }
            };
            let (Some(first_idx), Some(then_idx)) = (index(first), index(then)) else {
                ok = false;
                continue;
            };
            if first_idx >= then_idx {
                self.error(
                    pair_span,
                    "a dependency must follow the bank's order",
                    "the items are listed in the right order, so write the earlier item first",
                );
                ok = false;
                continue;
            }
            pairs.push((first_idx, then_idx));
        }
        ok.then(|| pairs.into_boxed_slice())
    }

    fn concept(&mut self, raw: RawConcept, span: &Range<usize>) -> Option<Concept> {
        let name = self.required(raw.name, "name", "concept", span);
        let phrases = match raw.phrases {
            Some(list) if list.get_ref().is_empty() => {
                self.error(
                    list.span(),
                    "concept has no phrases",
                    "add the phrases that count for it",
                );
                None
            }
            Some(list) => Some(list),
            None => {
                self.error(
                    span.clone(),
                    "concept has no phrases",
                    "add `phrases = [\"...\"]`: the words that count for it",
                );
                None
            }
        };
        let phrases = self.phrase_list(phrases?)?;
        let contradicts = match raw.contradicts {
            Some(list) => self.phrase_list(list)?,
            None => Texts::default(),
        };
        let together = match raw.together {
            Some(list) => self.phrase_list(list)?,
            None => Texts::default(),
        };
        let subject = match raw.subject {
            Some(term) => match self.lexicon.subject(term.get_ref()) {
                Some(found) => Some(found),
                None => {
                    let terms = self.lexicon.confusable.iter().flatten().map(|term| &**term);
                    let suggestion = did_you_mean(term.get_ref(), terms);
                    self.error(
                        term.span(),
                        format!("`{}` is not a term of the bank's `confusable` groups", term.get_ref()),
                        if suggestion.is_empty() {
                            "declare it at the top of the file: `confusable = [[\"deactivate\", \"disable\"]]`".to_string()
                        } else {
                            suggestion
                        },
                    );
                    return None;
                }
            },
            None => None,
        };
        let weight = match raw.weight {
            Some(weight) if !(*weight.get_ref() > 0.0 && weight.get_ref().is_finite()) => {
                self.error(
                    weight.span(),
                    "concept weight must be greater than 0",
                    "use a weight such as 1 or 2",
                );
                return None;
            }
            Some(weight) => weight.into_inner(),
            None => 1.0,
        };
        let backing = self.backing(raw.facts, raw.followup, span)?;
        Some(Concept {
            name: name?.into_inner().into_boxed_str(),
            phrases,
            contradicts,
            together,
            subject,
            weight,
            required: raw.required.is_some_and(Spanned::into_inner),
            backing,
        })
    }

    fn phrase_list(&mut self, list: TextList) -> Option<Texts> {
        let phrases = list.into_inner();
        for phrase in &phrases {
            if phrase.get_ref().trim().is_empty() {
                self.error(
                    phrase.span(),
                    "empty phrase",
                    "write the phrase or remove it",
                );
                return None;
            }
        }
        Some(Texts::pack(
            phrases.iter().map(|phrase| phrase.get_ref().as_str()),
        ))
    }
}

impl Checker<'_, '_> {
    /// A concept's `facts` and `followup` ids, each a valid id, with where
    /// they were written; whether they exist is checked across banks once
    /// everything is loaded (`bank::backing`).
    fn backing(
        &mut self,
        facts: Option<TextList>,
        followups: Option<TextList>,
        concept_span: &Range<usize>,
    ) -> Option<Backing> {
        let mut spans = Vec::new();
        let mut ok = true;
        let mut ids = |list: Option<TextList>, what: &str| {
            let entries = list.map(Spanned::into_inner).unwrap_or_default();
            for entry in &entries {
                if !is_valid_id(entry.get_ref()) {
                    self.error(
                        entry.span(),
                        format!("`{}` is not a valid {what} id", entry.get_ref()),
                        "ids are dotted lowercase words, like `chain.contact-needs-account`",
                    );
                    ok = false;
                }
                spans.push(self.shift(entry.span()));
            }
            Texts::pack(entries.iter().map(|entry| entry.get_ref().as_str()))
        };
        let facts = ids(facts, "fact");
        let followups = ids(followups, "question");
        ok.then(|| Backing {
            facts,
            followups,
            spans: spans.into_boxed_slice(),
            concept_span: self.shift(concept_span.clone()),
        })
    }
}

/// Whether two trimmed entries are the same ignoring case, as their lowercase
/// forms compare; ASCII text, the usual case, is compared without allocating.
fn same_folded(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// Dotted lowercase words: `setup.order`, `roles.first-user`.
pub fn is_valid_id(id: &str) -> bool {
    let mut n_parts = 0;
    for part in id.split('.') {
        n_parts += 1;
        let mut chars = part.chars();
        let first_ok = chars
            .next()
            .is_some_and(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit());
        if !first_ok
            || !chars
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_')
        {
            return false;
        }
    }
    n_parts >= 2 && id.len() <= 100
}

/// One lowercase word, hyphens allowed: `setup`, `site-login`.
fn is_valid_topic(topic: &str) -> bool {
    !topic.is_empty()
        && topic.len() <= 40
        && topic
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
}

#[cfg(test)]
mod tests {
    use super::same_folded;

    #[test]
    fn entries_fold_case_like_their_lowercase_forms() {
        assert!(same_folded("Create a Contact", "create a contact"));
        assert!(!same_folded("a lead", "a leads"));
        // The Kelvin sign lowercases to an ASCII `k`.
        assert!(same_folded("\u{212A}elvin", "kelvin"));
        assert!(same_folded("ÉTÉ", "été"));
    }
}
