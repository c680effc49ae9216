//! Running independent tasks on both cores of the machines xcdrill targets.
//!
//! Tasks are taken from a shared queue one at a time rather than split in two
//! halves up front, so that when the other core is busy (a compiler, a browser)
//! this thread simply does more of them. Results come back in task order, so
//! nothing downstream depends on which thread ran what.

use std::sync::Mutex;
use std::thread;

/// Runs `work` on every task, on this thread and, when `parallel`, one more, and
/// returns the results in task order.
///
/// A panic in the helper thread is a bug; it is raised again here rather than
/// losing the helper's tasks without a word.
pub fn run<T: Send, R: Send>(
    tasks: Vec<T>,
    parallel: bool,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    if !parallel || tasks.len() < 2 {
        return tasks.into_iter().map(work).collect();
    }
    let n_tasks = tasks.len();
    let queue = Mutex::new(tasks.into_iter().enumerate());
    let drain = || {
        let mut done = Vec::new();
        loop {
            // A poisoned queue only means the other thread panicked; its items
            // are still fine to take.
            let next = match queue.lock() {
                Ok(mut queue) => queue.next(),
                Err(poisoned) => poisoned.into_inner().next(),
            };
            let Some((idx, task)) = next else {
                return done;
            };
            done.push((idx, work(task)));
        }
    };
    let mut results = thread::scope(|scope| {
        let helper = scope.spawn(drain);
        let mut mine = drain();
        match helper.join() {
            Ok(theirs) => mine.extend(theirs),
            Err(payload) => std::panic::resume_unwind(payload),
        }
        mine
    });
    debug_assert_eq!(results.len(), n_tasks);
    results.sort_unstable_by_key(|&(idx, _)| idx);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_task_order() {
        let tasks: Vec<usize> = (0..500).collect();
        let doubled = run(tasks, true, |n| n * 2);
        assert_eq!(doubled, (0..500).map(|n| n * 2).collect::<Vec<_>>());
    }
}
