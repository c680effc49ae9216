//! The fields every fact and question has (id, topic, prompt, cited facts,
//! difficulty, pass mark), and which kind's fields a question may hold.

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;

use super::across::{CheckedQuestion, Topics};
use super::{Checker, ConceptRefs, is_valid_topic};
use crate::bank::scenario::{RawScenario, check_scenario};
use crate::bank::schema::{KIND_NAMES, RawFact, RawQuestion, Text, TextList, kind_fields};
use crate::model::fact::{Confidence, Fact, is_valid_source};
use crate::model::question::{
    DEFAULT_PASS, Difficulty, Kind, Order, Origin, Question, QuestionTexts, TrueFalse,
};
use crate::model::texts::Texts;
use crate::suggest::did_you_mean;

impl Checker<'_, '_> {
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
        // What the concepts name, from this question only.
        self.concept_refs = ConceptRefs::default();
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
        let deeper_at = raw.deeper.as_ref().map(|text| self.inside_quotes(text));
        let hint_at = raw.hint.as_ref().map(|text| self.inside_quotes(text));
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
            self.failed_fact_refs.extend(fact_refs);
            let concept_facts = std::mem::take(&mut self.concept_refs.facts);
            self.failed_fact_refs.extend(concept_facts);
            return None;
        }
        let refs = std::mem::take(&mut self.concept_refs);
        let id = id?;
        let id_span = self.shift(id.span());
        let (line, column) = self.locate(span.start);
        let (prompt, explanation) = (prompt?, explanation?);
        let texts = match &self.file {
            Some(file) => QuestionTexts::in_file(
                file,
                [
                    (Some(id.get_ref()), Some(self.inside_quotes(&id))),
                    (Some(prompt.get_ref()), Some(self.inside_quotes(&prompt))),
                    (
                        Some(explanation.get_ref()),
                        Some(self.inside_quotes(&explanation)),
                    ),
                    (deeper.as_deref(), deeper_at),
                    (hint.as_deref(), hint_at),
                ],
            ),
            None => QuestionTexts::new(
                id.get_ref(),
                prompt.get_ref(),
                explanation.get_ref(),
                deeper.as_deref(),
                hint.as_deref(),
            ),
        };
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
            concept_facts: refs.facts,
            followups: refs.followups,
        })
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

    /// Where a string's text may stand in the file: inside its quotes. One
    /// with escapes (or in triple quotes) is not there word for word, which
    /// `QuestionTexts::in_file` sees, and copies it.
    fn inside_quotes<T>(&self, text: &Spanned<T>) -> Range<usize> {
        let span = self.shift(text.span());
        span.start + 1..span.end.saturating_sub(1)
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
}
