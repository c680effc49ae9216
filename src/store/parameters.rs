//! The FSRS parameters schedules are computed with: the personal ones saved in
//! the `fsrs_parameters` table (one row, written by `stats --optimize`), or
//! FSRS's defaults when there is none.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::error::StoreError;

/// How many parameters FSRS-6 has.
pub const N_PARAMETERS: usize = 21;

/// The index of the forgetting curve's decay (w20) among the parameters.
pub(super) const DECAY: usize = 20;

/// Where the parameters in use come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParameterSource {
    /// FSRS's defaults, fitted to many learners' reviews.
    Default,
    /// Optimised from this store's own review log (`stats --optimize`).
    Personal,
}

/// The FSRS parameters in use, and where they come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parameters {
    #[serde(rename = "parameters")]
    pub source: ParameterSource,
    /// When they were optimised (unix seconds); personal ones only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optimized_at: Option<i64>,
    /// The reviews and questions they were optimised from; personal ones only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviews: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions: Option<usize>,
    /// The 21 FSRS-6 parameters (w0..w20).
    pub values: Vec<f32>,
}

impl Parameters {
    /// FSRS's default parameters.
    pub fn default_fsrs() -> Parameters {
        Parameters {
            source: ParameterSource::Default,
            optimized_at: None,
            reviews: None,
            questions: None,
            values: fsrs::DEFAULT_PARAMETERS.to_vec(),
        }
    }

    /// Personal parameters optimised at `at` from `reviews` reviews of
    /// `questions` questions.
    pub fn personal(values: Vec<f32>, at: i64, reviews: usize, questions: usize) -> Parameters {
        Parameters {
            source: ParameterSource::Personal,
            optimized_at: Some(at),
            reviews: Some(reviews),
            questions: Some(questions),
            values,
        }
    }

    /// Whether these are personal parameters.
    pub fn is_personal(&self) -> bool {
        self.source == ParameterSource::Personal
    }
}

/// The parameters saved in the store, or FSRS's defaults. Saved parameters
/// that are not 21 finite numbers make the store [`StoreError::Corrupt`].
pub(super) fn load(connection: &Connection, path: &str) -> Result<Parameters, StoreError> {
    let row: Option<(String, i64, i64, i64)> = connection
        .query_row(
            "SELECT parameters, optimized_at, reviews, questions FROM fsrs_parameters WHERE id = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()
        .map_err(|error| StoreError::sqlite(path, error))?;
    let Some((text, at, reviews, questions)) = row else {
        return Ok(Parameters::default_fsrs());
    };
    let corrupt = || StoreError::Corrupt {
        path: path.to_string(),
        detail: "its saved FSRS parameters are not 21 numbers".to_string(),
    };
    let values: Vec<f32> = serde_json::from_str(&text).map_err(|_| corrupt())?;
    if values.len() != N_PARAMETERS || values.iter().any(|value| !value.is_finite()) {
        return Err(corrupt());
    }
    Ok(Parameters::personal(
        values,
        at,
        usize::try_from(reviews).unwrap_or(0),
        usize::try_from(questions).unwrap_or(0),
    ))
}

/// Saves `parameters` in place of any saved before; FSRS's defaults are
/// saved as no row.
pub(super) fn save(connection: &Connection, parameters: &Parameters) -> rusqlite::Result<()> {
    connection.execute("DELETE FROM fsrs_parameters", [])?;
    if parameters.is_personal() {
        let values = serde_json::to_string(&parameters.values)
            .map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))?;
        connection.execute(
            "INSERT INTO fsrs_parameters (id, parameters, optimized_at, reviews, questions) \
             VALUES (1, ?1, ?2, ?3, ?4)",
            params![
                values,
                parameters.optimized_at.unwrap_or(0),
                i64::try_from(parameters.reviews.unwrap_or(0)).unwrap_or(i64::MAX),
                i64::try_from(parameters.questions.unwrap_or(0)).unwrap_or(i64::MAX),
            ],
        )?;
    }
    Ok(())
}
