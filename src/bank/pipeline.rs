//! How [`check`](super::check) schedules the reading and checking of a content's
//! bank files, so that 50,000 questions load within the budget (BENCHMARKS.md) and the result is the same as reading each file whole.
//!
//! 1. Each file is cut at its entries (`bank::split`; large files in two halves,
//!    one per core) and its preamble read; a file that cannot be cut exactly is
//!    read whole (`parse::parse_bank`).
//! 2. Facts are read, then checked in file order, so every fact id is known before
//!    any question is.
//! 3. Questions are read (`bank::quick` for plain entries, toml for the others),
//!    checked on their own and against the fact ids, in tasks of consecutive
//!    chunks taken by both cores; each lands straight in its slot of the catalog,
//!    so no file's whole TOML tree nor its raw values are ever held at once. Ids
//!    are hashed there, while at hand.
//! 4. Duplicate question ids are found in file order by sorting the hashes; the
//!    slots left make the catalog, collected in place, with its id index built
//!    from the same hashes.
//!
//! When a chunk turns out not to read exactly like the whole file would (step 2
//! or 3 returns [`Fallback`]), its file is marked to be read whole and the run
//! starts over: slower, but only for files with errors or unusual layouts.
//!
//! Diagnostics are gathered per file in the order the checks run (reading,
//! checks of each entry, checks across entries) and sorted by position at the
//! end, as before the files were cut.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::Arc;

use super::backing::{self, Followup};
use super::limits::MAX_QUESTIONS;
use super::load::ContentFiles;
use super::parse::{Fallback, ParsedFile, Preamble, parse_bank, parse_chunk, parse_preamble};
use super::quick;
use super::scenario::{OrgFiles, OrgScope};
use super::schema::{RawFact, RawQuestion};
use super::split::{self, Chunk, Split, Table};
use super::validate::{
    CheckedQuestion, Checker, FactIds, Facts, Topics, check_fact_refs, duplicate_question,
    report_unknown_facts,
};
use super::{Loaded, parse};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::model::catalog::Catalog;
use crate::model::fact::Fact;
use crate::model::lexicon::Lexicon;
use crate::model::question::Question;
use crate::parallel;

/// The sizes that decide how content is read. Tests shrink or grow them to run
/// small banks through every path.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tuning {
    /// Files smaller than this are read whole.
    pub chunk_min_bytes: usize,
    /// Content smaller than this is read on this thread only.
    pub parallel_min_bytes: usize,
    /// About this much text makes one task for a thread.
    pub task_bytes: usize,
}

impl Tuning {
    pub const DEFAULT: Tuning = Tuning {
        // Every file is cut: one path for all content, and small files lose
        // nothing by it.
        chunk_min_bytes: 0,
        // Below this, starting a thread costs more than it saves.
        parallel_min_bytes: 1 << 20,
        // Large enough that taking tasks from the queue costs nothing, small
        // enough to balance the two cores.
        task_bytes: 64 * 1024,
    };
}

/// How one file is read.
enum Plan {
    /// Whole, in one TOML tree (small, broken or unusual files).
    Whole,
    /// Entry by entry.
    Chunked {
        chunks: Vec<Chunk>,
        preamble: Preamble,
    },
}

/// Problems of one file, by the step that found them.
#[derive(Default)]
struct FileDiagnostics {
    reading: Vec<Diagnostic>,
    checks: Vec<Diagnostic>,
    across: Vec<Diagnostic>,
    /// The follow-ups its concepts name, checked once every bank is read.
    followups: Vec<Followup>,
}

/// Where a question's id is, and its hash, for finding duplicates.
struct IdSite {
    file: usize,
    id_span: Range<usize>,
    hash: u64,
}

/// What a successful run produced, before the catalog is built.
struct Attempt {
    slots: Vec<Option<Question>>,
    /// The catalog's id index: (hash of the id, index among the kept questions),
    /// sorted, the hashes made by `hasher`.
    index: Vec<(u64, u32)>,
    hasher: RandomState,
    facts: Vec<Fact>,
    diagnostics: Vec<Diagnostic>,
    followups: Vec<Followup>,
}

/// The facts a chunked file defines, or the whole-file reading of a file.
enum FactsRead {
    Chunked {
        reading: Vec<Diagnostic>,
        facts: Vec<(RawFact, Range<usize>, usize)>,
    },
    Whole {
        reading: Vec<Diagnostic>,
        parsed: ParsedFile,
    },
}

/// What a task of question chunks produced, beside the questions in its slots.
#[derive(Default)]
struct QuestionsRead {
    file: usize,
    reading: Vec<Diagnostic>,
    checks: Vec<Diagnostic>,
    across: Vec<Diagnostic>,
    followups: Vec<Followup>,
    /// Ids of questions left out of the catalog (citing unknown facts) by slot:
    /// they still count as defined.
    excluded: Vec<(usize, String)>,
}

/// A task of step 3: consecutive question chunks of one file and their slots.
struct QuestionTask<'a> {
    file: usize,
    /// The index of `slots[0]` among all slots.
    first_slot: usize,
    chunks: &'a [Chunk],
    slots: &'a mut [Option<Question>],
    sites: &'a mut [Option<IdSite>],
}

/// Parses and validates every bank of `files`; see the module documentation.
pub fn check(files: &ContentFiles) -> Loaded {
    check_tuned(files, Tuning::DEFAULT)
}

/// [`check`] with other sizes.
pub(super) fn check_tuned(files: &ContentFiles, tuning: Tuning) -> Loaded {
    let total_bytes: usize = files.banks.iter().map(|file| file.text.len()).sum();
    let parallel = total_bytes >= tuning.parallel_min_bytes;
    let sources: Vec<SourceText<'_>> = files
        .banks
        .iter()
        .map(|file| SourceText::new(Arc::clone(&file.path), &file.text))
        .collect();
    let splits = split_all(&sources, parallel, tuning);
    let mut plans: Vec<Plan> = sources
        .iter()
        .zip(splits)
        .map(|(source, split)| plan(source, tuning, split))
        .collect();
    // Org files are read once, whatever banks name them and however often.
    let mut org_diagnostics = Vec::new();
    let orgs = OrgFiles::load(files, &mut org_diagnostics);
    let Attempt {
        slots,
        mut index,
        hasher,
        facts,
        mut diagnostics,
        followups,
    } = loop {
        let run = Run {
            files,
            sources: &sources,
            plans: &plans,
            parallel,
            tuning,
            orgs: &orgs,
        };
        match run.attempt() {
            Ok(done) => break done,
            Err(fallen) => {
                for idx in fallen {
                    plans[idx] = Plan::Whole;
                }
            }
        }
    };
    // The cut points are not needed any more; a large bank has many.
    drop(plans);
    // `filter_map` collects in place (a `Question` and an `Option<Question>` have
    // one size): the catalog never needs a second copy of the questions.
    #[allow(clippy::filter_map_identity)]
    let mut questions: Vec<Question> = slots.into_iter().filter_map(|slot| slot).collect();
    if questions.len() > MAX_QUESTIONS {
        diagnostics.push(Diagnostic::file(
            &Arc::from("<content>"),
            format!(
                "{} questions loaded, over the limit of {MAX_QUESTIONS}",
                questions.len()
            ),
            "load fewer banks at once",
        ));
        questions.clear();
        index.clear();
    }
    diagnostics.extend(org_diagnostics);
    let catalog = Catalog::with_index(questions, facts, hasher, index);
    diagnostics.extend(backing::check(&catalog, &followups, &sources));
    sort_in_reading_order(files, &mut diagnostics);
    Loaded {
        catalog,
        diagnostics,
    }
}

/// Step 1: every file cut at its entries. Large files are lexed in two halves,
/// one per core, so that two or three large files keep both cores busy.
fn split_all(sources: &[SourceText<'_>], parallel: bool, tuning: Tuning) -> Vec<Split> {
    let mut tasks = Vec::new();
    for (file, source) in sources.iter().enumerate() {
        if parallel && source.text.len() >= 2 * tuning.task_bytes {
            tasks.extend(split::halves(source.text).map(|half| (file, half)));
        } else {
            tasks.push((file, 0..source.text.len()));
        }
    }
    let lexed = parallel::run(tasks.clone(), parallel, |(file, half)| {
        split::lex_half(sources[file].text, half)
    });
    let mut splits = Vec::with_capacity(sources.len());
    let mut lexed = tasks.into_iter().zip(lexed).peekable();
    while let Some(((file, _), first)) = lexed.next() {
        let text = sources[file].text;
        let split = match lexed.next_if(|((next_file, _), _)| *next_file == file) {
            Some(((_, second_half), second)) => split::join(text, first, second, second_half.start),
            None => split::finish(text, first),
        };
        splits.push(split);
    }
    splits
}

/// Decides how to read one file.
fn plan(source: &SourceText<'_>, tuning: Tuning, split: Split) -> Plan {
    // Files with a whole-file problem (too large, binary, empty) are reported by
    // the whole-file reading.
    if source.text.len() < tuning.chunk_min_bytes
        || !parse::file_is_readable(source, &mut Vec::new())
    {
        return Plan::Whole;
    }
    if split.chunks.is_empty() {
        return Plan::Whole;
    }
    match parse_preamble(source, split.preamble) {
        Ok(preamble) => Plan::Chunked {
            chunks: split.chunks,
            preamble,
        },
        Err(Fallback) => Plan::Whole,
    }
}

/// What each run over the files works from: the files, their texts and
/// plans, how to run, and the org files banks may name.
struct Run<'a> {
    files: &'a ContentFiles,
    sources: &'a [SourceText<'a>],
    plans: &'a [Plan],
    parallel: bool,
    tuning: Tuning,
    orgs: &'a OrgFiles,
}

impl<'a> Run<'a> {
    /// One run over every file; `Err` names files that must be read whole.
    fn attempt(&self) -> Result<Attempt, Vec<usize>> {
        let mut per_file: Vec<FileDiagnostics> = (0..self.sources.len())
            .map(|_| FileDiagnostics::default())
            .collect();

        // Step 2: facts (and whole files), read on both cores, checked in file order.
        let (facts, whole_questions) = self.facts_and_whole_files(&mut per_file)?;
        let fact_ids = facts.ids();
        // Ids are hashed where each question is checked, while its id is at hand.
        let hasher = RandomState::new();

        // Step 3: questions, into one slot each.
        let n_slots = self.count_slots(&whole_questions);
        let mut slots: Vec<Option<Question>> = Vec::with_capacity(n_slots);
        slots.resize_with(n_slots, || None);
        let mut sites: Vec<Option<IdSite>> = Vec::with_capacity(n_slots);
        sites.resize_with(n_slots, || None);
        let mut excluded: HashMap<usize, String> = HashMap::new();
        let placing = Placing {
            fact_ids: &fact_ids,
            hasher: &hasher,
        };
        let tasks = self.place_whole_files(
            whole_questions,
            &placing,
            (&mut slots, &mut sites),
            &mut per_file,
            &mut excluded,
        );
        self.read_chunked_questions(tasks, &placing, &mut per_file, &mut excluded)?;
        drop(fact_ids);

        // Step 4: duplicate question ids; the first definition in file order wins.
        let by_hash = self.refuse_duplicate_ids(&mut slots, &sites, &excluded, &mut per_file);
        drop(sites);
        let index = catalog_index(&slots, by_hash);
        Ok(Attempt {
            slots,
            index,
            hasher,
            facts: facts.facts,
            followups: per_file
                .iter_mut()
                .flat_map(|file| std::mem::take(&mut file.followups))
                .collect(),
            diagnostics: self.diagnostics_in_order(per_file),
        })
    }

    /// Step 2: every file's facts, checked in file order, and the questions of
    /// files read whole, checked on their own.
    fn facts_and_whole_files(
        &self,
        per_file: &mut [FileDiagnostics],
    ) -> Result<(Facts, Vec<WholeFile>), Vec<usize>> {
        let tasks: Vec<usize> = (0..self.sources.len()).collect();
        let read = parallel::run(tasks, self.parallel, |idx| {
            read_facts(&self.sources[idx], &self.plans[idx])
        });
        let mut fallen = Vec::new();
        let mut reads = Vec::with_capacity(self.sources.len());
        for (idx, read) in read.into_iter().enumerate() {
            match read {
                Ok(read) => reads.push(read),
                Err(Fallback) => fallen.push(idx),
            }
        }
        if !fallen.is_empty() {
            return Err(fallen);
        }
        let mut facts = Facts::default();
        let mut whole_questions = Vec::new();
        for (idx, read) in reads.into_iter().enumerate() {
            let source = &self.sources[idx];
            let diagnostics = &mut per_file[idx];
            let (raw_facts, raw_questions, lexicon) = match read {
                FactsRead::Chunked { reading, facts } => {
                    diagnostics.reading = reading;
                    (facts, Vec::new(), Lexicon::empty())
                }
                FactsRead::Whole { reading, parsed } => {
                    diagnostics.reading = reading;
                    let facts = parsed
                        .facts
                        .into_iter()
                        .map(|(raw, span)| (raw, span, 0))
                        .collect();
                    (facts, parsed.questions, parsed.lexicon)
                }
            };
            for (raw, span, base) in raw_facts {
                let mut checker = Checker::new(source, base, None, &mut diagnostics.checks);
                if let Some((fact, id_span)) = checker.fact(raw, span) {
                    facts.add(fact, id_span, source, &mut diagnostics.checks);
                }
            }
            let mut checker = Checker::new(source, 0, None, &mut diagnostics.checks)
                .with_orgs(self.orgs.scope(self.files.banks[idx].root))
                .with_lexicon(lexicon)
                .with_file(Arc::clone(&self.files.banks[idx].text));
            let mut topics = Topics::default();
            let checked: Vec<_> = raw_questions
                .into_iter()
                .filter_map(|(mut raw, span)| {
                    checker.question(&mut raw, span, &source.path, &mut topics)
                })
                .collect();
            whole_questions.push(WholeFile {
                failed_fact_refs: checker.take_failed_fact_refs(),
                checked,
            });
        }
        Ok((facts, whole_questions))
    }

    /// One slot per question: those checked of whole files, and one per
    /// question chunk.
    fn count_slots(&self, whole_questions: &[WholeFile]) -> usize {
        self.plans
            .iter()
            .zip(whole_questions)
            .map(|(plan, whole)| match plan {
                Plan::Whole => whole.checked.len(),
                Plan::Chunked { chunks, .. } => chunks
                    .iter()
                    .filter(|chunk| chunk.table == Table::Question)
                    .count(),
            })
            .sum()
    }

    /// Step 3, first half: puts the questions of whole files in their slots,
    /// and hands out the slots of chunked files' questions as tasks.
    fn place_whole_files<'s>(
        &self,
        whole_questions: Vec<WholeFile>,
        placing: &Placing<'_>,
        (slots, sites): (&'s mut [Option<Question>], &'s mut [Option<IdSite>]),
        per_file: &mut [FileDiagnostics],
        excluded: &mut HashMap<usize, String>,
    ) -> Vec<QuestionTask<'s>>
    where
        'a: 's,
    {
        let mut tasks = Vec::new();
        let mut free_slots = slots;
        let mut free_sites = sites;
        let mut first_slot = 0;
        for (file, (plan, whole)) in self.plans.iter().zip(whole_questions).enumerate() {
            let source = &self.sources[file];
            let WholeFile {
                checked,
                failed_fact_refs,
            } = whole;
            report_unknown_facts(
                &failed_fact_refs,
                placing.fact_ids,
                source,
                &mut per_file[file].across,
            );
            match plan {
                Plan::Whole => {
                    let n = checked.len();
                    let (file_slots, rest_slots) = free_slots.split_at_mut(n);
                    let (file_sites, rest_sites) = free_sites.split_at_mut(n);
                    free_slots = rest_slots;
                    free_sites = rest_sites;
                    let across = &mut per_file[file].across;
                    let places = file_slots.iter_mut().zip(file_sites);
                    for (n, (mut checked, (slot, site))) in
                        checked.into_iter().zip(places).enumerate()
                    {
                        let ok = check_fact_refs(&mut checked, placing.fact_ids, source, across);
                        take_followups(file, &mut checked, &mut per_file[file].followups);
                        let left_out = place(ok, checked, file, placing.hasher, slot, site);
                        if let Some(id) = left_out {
                            excluded.insert(first_slot + n, id);
                        }
                    }
                    first_slot += n;
                }
                Plan::Chunked { chunks, .. } => {
                    for batch in question_batches(chunks, self.tuning.task_bytes) {
                        let n = batch
                            .iter()
                            .filter(|chunk| chunk.table == Table::Question)
                            .count();
                        let (task_slots, rest_slots) = free_slots.split_at_mut(n);
                        let (task_sites, rest_sites) = free_sites.split_at_mut(n);
                        free_slots = rest_slots;
                        free_sites = rest_sites;
                        tasks.push(QuestionTask {
                            file,
                            first_slot,
                            chunks: batch,
                            slots: task_slots,
                            sites: task_sites,
                        });
                        first_slot += n;
                    }
                }
            }
        }
        tasks
    }

    /// Step 3, second half: reads and checks the chunked questions on both
    /// cores, each task into its own slots.
    fn read_chunked_questions(
        &self,
        tasks: Vec<QuestionTask<'_>>,
        placing: &Placing<'_>,
        per_file: &mut [FileDiagnostics],
        excluded: &mut HashMap<usize, String>,
    ) -> Result<(), Vec<usize>> {
        let read = parallel::run(tasks, self.parallel, |task| {
            let source = &self.sources[task.file];
            let scope = self.orgs.scope(self.files.banks[task.file].root);
            let lexicon = match &self.plans[task.file] {
                Plan::Chunked { preamble, .. } => Arc::clone(&preamble.lexicon),
                Plan::Whole => Lexicon::empty(),
            };
            let file_text = &self.files.banks[task.file].text;
            read_questions(
                task,
                source,
                placing.fact_ids,
                placing.hasher,
                scope,
                lexicon,
                file_text,
            )
        });
        let mut fallen = Vec::new();
        for read in read {
            match read {
                Ok(read) => {
                    let diagnostics = &mut per_file[read.file];
                    diagnostics.reading.extend(read.reading);
                    diagnostics.checks.extend(read.checks);
                    diagnostics.across.extend(read.across);
                    diagnostics.followups.extend(read.followups);
                    excluded.extend(read.excluded);
                }
                Err(file) => fallen.push(file),
            }
        }
        if !fallen.is_empty() {
            fallen.dedup();
            return Err(fallen);
        }
        Ok(())
    }

    /// Step 4: empties the slot of every question whose id was defined before,
    /// reporting it; returns every defined id as (hash, slot), sorted.
    fn refuse_duplicate_ids(
        &self,
        slots: &mut [Option<Question>],
        sites: &[Option<IdSite>],
        excluded: &HashMap<usize, String>,
        per_file: &mut [FileDiagnostics],
    ) -> Vec<(u64, usize)> {
        let (by_hash, duplicates) = duplicate_ids(slots, sites, excluded);
        for (slot, first) in duplicates {
            let (Some(site), Some(first_site)) = (&sites[slot], &sites[first]) else {
                continue;
            };
            let id = match (&slots[slot], excluded.get(&slot)) {
                (Some(question), _) => question.id(),
                (None, Some(id)) => id.as_str(),
                (None, None) => continue,
            };
            let first_origin = self.sources[first_site.file].origin(first_site.id_span.start);
            per_file[site.file].across.push(duplicate_question(
                &self.sources[site.file],
                id,
                site.id_span.clone(),
                &first_origin,
            ));
            slots[slot] = None;
        }
        by_hash
    }

    /// Every diagnostic, file by file: the loading's, then each file's
    /// preamble, reading, checks and checks across files.
    fn diagnostics_in_order(&self, per_file: Vec<FileDiagnostics>) -> Vec<Diagnostic> {
        let mut diagnostics = self.files.diagnostics.clone();
        for (idx, file) in per_file.into_iter().enumerate() {
            if let Plan::Chunked { preamble, .. } = &self.plans[idx] {
                diagnostics.extend(preamble.diagnostics.iter().cloned());
            }
            diagnostics.extend(file.reading);
            if let Plan::Chunked { preamble, .. } = &self.plans[idx] {
                diagnostics.extend(preamble.missing_version.iter().cloned());
            }
            diagnostics.extend(file.checks);
            diagnostics.extend(file.across);
        }
        diagnostics
    }
}

/// What placing a question in its slot needs from the run: the facts' ids for
/// its citations and the hasher of its id.
struct Placing<'a> {
    fact_ids: &'a FactIds<'a>,
    hasher: &'a RandomState,
}

/// Every defined id as (hash, slot), sorted; and pairs of (slot of a question
/// whose id was defined before, slot of the first definition), in slot order.
/// Ids are compared by hash first, sorted, so that this costs no map of 50,000
/// ids and only equal hashes look at the ids themselves.
#[allow(clippy::type_complexity)]
fn duplicate_ids(
    slots: &[Option<Question>],
    sites: &[Option<IdSite>],
    excluded: &HashMap<usize, String>,
) -> (Vec<(u64, usize)>, Vec<(usize, usize)>) {
    let id_of = |slot: usize| -> Option<&str> {
        sites.get(slot)?.as_ref()?;
        match slots.get(slot)? {
            Some(question) => Some(question.id()),
            None => excluded.get(&slot).map(String::as_str),
        }
    };
    let mut by_hash: Vec<(u64, usize)> = sites
        .iter()
        .enumerate()
        .filter_map(|(slot, site)| Some((site.as_ref()?.hash, slot)))
        .collect();
    by_hash.sort_unstable();
    let mut duplicates = Vec::new();
    for run in by_hash.chunk_by(|a, b| a.0 == b.0) {
        for (later, &(_, slot)) in run.iter().enumerate().skip(1) {
            let id = id_of(slot);
            if let Some(&(_, first)) = run[..later].iter().find(|&&(_, other)| id_of(other) == id) {
                duplicates.push((slot, first));
            }
        }
    }
    duplicates.sort_unstable();
    (by_hash, duplicates)
}

/// The catalog's index from the sorted (hash, slot) pairs: slots become indices
/// among the kept questions, which keeps the order.
fn catalog_index(slots: &[Option<Question>], by_hash: Vec<(u64, usize)>) -> Vec<(u64, u32)> {
    let mut kept_before = Vec::with_capacity(slots.len());
    let mut n_kept: u32 = 0;
    for slot in slots {
        kept_before.push(n_kept);
        n_kept += u32::from(slot.is_some());
    }
    by_hash
        .into_iter()
        .filter(|&(_, slot)| slots.get(slot).is_some_and(Option::is_some))
        .filter_map(|(hash, slot)| Some((hash, *kept_before.get(slot)?)))
        .collect()
}

/// Moves the follow-ups `checked`'s concepts name to `into`.
fn take_followups(file: usize, checked: &mut CheckedQuestion, into: &mut Vec<Followup>) {
    into.extend(checked.followups.drain(..).map(|(id, span)| Followup {
        file,
        question: checked.id.clone(),
        id,
        span,
    }));
}

/// A kept question fills its slot; a question left out still has its id counted
/// as defined, and that id is returned.
fn place(
    ok: bool,
    checked: CheckedQuestion,
    file: usize,
    hasher: &RandomState,
    slot: &mut Option<Question>,
    site: &mut Option<IdSite>,
) -> Option<String> {
    *site = Some(IdSite {
        file,
        id_span: checked.id_span,
        hash: hasher.hash_one(checked.id.as_str()),
    });
    if ok {
        *slot = Some(checked.question);
        None
    } else {
        Some(checked.id)
    }
}

/// Step 2 for one file: the whole-file reading, or its fact chunks.
fn read_facts(source: &SourceText<'_>, plan: &Plan) -> Result<FactsRead, Fallback> {
    match plan {
        Plan::Whole => {
            let mut reading = Vec::new();
            let parsed = parse_bank(source, &mut reading);
            Ok(FactsRead::Whole { reading, parsed })
        }
        Plan::Chunked { chunks, .. } => {
            let mut reading = Vec::new();
            let mut facts = Vec::new();
            for chunk in chunks.iter().filter(|chunk| chunk.table == Table::Fact) {
                if let Some((raw, span)) = parse_chunk::<RawFact>(source, chunk, &mut reading)? {
                    facts.push((raw, span, chunk.span.start));
                }
            }
            Ok(FactsRead::Chunked { reading, facts })
        }
    }
}

/// Step 3 for one task; `Err` names the file when a chunk cannot be read exactly.
fn read_questions(
    task: QuestionTask<'_>,
    source: &SourceText<'_>,
    fact_ids: &FactIds<'_>,
    hasher: &RandomState,
    orgs: OrgScope<'_>,
    lexicon: Arc<Lexicon>,
    file_text: &Arc<String>,
) -> Result<QuestionsRead, usize> {
    let QuestionTask {
        file,
        first_slot,
        chunks,
        slots,
        sites,
    } = task;
    let mut read = QuestionsRead {
        file,
        ..QuestionsRead::default()
    };
    let mut topics = Topics::default();
    let questions = chunks.iter().filter(|chunk| chunk.table == Table::Question);
    for (n, ((chunk, slot), site)) in questions.zip(slots).zip(sites).enumerate() {
        let quick = source
            .text
            .get(chunk.span.clone())
            .and_then(quick::read_question);
        let raw = match quick {
            Some(read) => Some(read),
            None => {
                parse_chunk::<RawQuestion>(source, chunk, &mut read.reading).map_err(|_| file)?
            }
        };
        let Some((mut raw, span)) = raw else {
            continue;
        };
        let mut checker =
            Checker::new(source, chunk.span.start, Some(chunk.line), &mut read.checks)
                .with_orgs(orgs)
                .with_lexicon(Arc::clone(&lexicon))
                .with_file(Arc::clone(file_text));
        let Some(mut checked) = checker.question(&mut raw, span, &source.path, &mut topics) else {
            let failed = checker.take_failed_fact_refs();
            report_unknown_facts(&failed, fact_ids, source, &mut read.across);
            continue;
        };
        let ok = check_fact_refs(&mut checked, fact_ids, source, &mut read.across);
        take_followups(file, &mut checked, &mut read.followups);
        if let Some(id) = place(ok, checked, file, hasher, slot, site) {
            read.excluded.push((first_slot + n, id));
        }
    }
    Ok(read)
}

/// The questions of a file read whole, checked, and the facts cited by those
/// that failed (reported once every fact is known).
struct WholeFile {
    checked: Vec<CheckedQuestion>,
    failed_fact_refs: Vec<(String, Range<usize>)>,
}

/// Consecutive chunks of about `task_bytes` of text, each holding at least one
/// question, that together hold every question of `chunks`.
fn question_batches(chunks: &[Chunk], task_bytes: usize) -> Vec<&[Chunk]> {
    let mut batches = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    let mut n_questions = 0;
    for (idx, chunk) in chunks.iter().enumerate() {
        bytes += chunk.span.len();
        if chunk.table == Table::Question {
            n_questions += 1;
        }
        if bytes >= task_bytes && n_questions > 0 {
            batches.push(&chunks[start..=idx]);
            start = idx + 1;
            bytes = 0;
            n_questions = 0;
        }
    }
    if n_questions > 0 {
        batches.push(&chunks[start..]);
    }
    batches
}

/// Reading order: by file as listed, then by position. The sort is stable, so
/// problems at one position keep the order the checks found them in.
fn sort_in_reading_order(files: &ContentFiles, diagnostics: &mut [Diagnostic]) {
    let file_order: HashMap<&str, usize> = files
        .banks
        .iter()
        .chain(&files.orgs)
        .enumerate()
        .map(|(idx, file)| (&*file.path, idx))
        .collect();
    diagnostics.sort_by_key(|diagnostic| {
        let file_idx = file_order
            .get(&*diagnostic.path)
            .copied()
            .unwrap_or(usize::MAX);
        (file_idx, diagnostic.line, diagnostic.column)
    });
}
