/*
 * bm25_sampled(fts_table): FTS5's bm25 ranking, with each phrase's number of matching rows
 * counted over its first SAMPLED_ROWS matches only and scaled to the table.
 *
 * FTS5's own bm25 counts every row that holds each phrase once per query, to weigh the
 * phrase; for a word in half of ten million passages that count alone costs 300-600 ms,
 * however few rows the query then ranks. Here a phrase with fewer than SAMPLED_ROWS matches
 * is counted exactly (the score is bm25's to the last digit); a more frequent one is counted
 * until its SAMPLED_ROWS-th match and estimated from how far into the table that match lies
 * (rowids are the passages' numbers, in corpus order). The score is the same for every row
 * of a query, so ranking by it is ranking by bm25 with that estimate.
 *
 * Registered for every connection the process opens (sqlite3_auto_extension), since
 * Python's sqlite3 may be built without loadable extensions: explorer/ranking.py loads it.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLED_ROWS 20000
#define K1 1.2
#define B 0.75

typedef struct {
  sqlite3_int64 rows;
  sqlite3_int64 last_rowid;
} PhraseSample;

typedef struct {
  int phrases;
  double average_length;
  double *idf;
  double *frequency;
} QueryWeights;

static int count_until_sampled(const Fts5ExtensionApi *api, Fts5Context *fts, void *data) {
  PhraseSample *sample = (PhraseSample *)data;
  sample->rows++;
  sample->last_rowid = api->xRowid(fts);
  return sample->rows >= SAMPLED_ROWS ? SQLITE_DONE : SQLITE_OK;
}

static void free_weights(void *data) {
  QueryWeights *weights = (QueryWeights *)data;
  free(weights->idf);
  free(weights->frequency);
  free(weights);
}

static int query_weights(const Fts5ExtensionApi *api, Fts5Context *fts, QueryWeights **out) {
  QueryWeights *weights = (QueryWeights *)api->xGetAuxdata(fts, 0);
  if (weights) {
    *out = weights;
    return SQLITE_OK;
  }
  sqlite3_int64 rows = 0, tokens = 0;
  int rc = api->xRowCount(fts, &rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (rc != SQLITE_OK) return rc;
  weights = (QueryWeights *)calloc(1, sizeof(QueryWeights));
  if (!weights) return SQLITE_NOMEM;
  weights->phrases = api->xPhraseCount(fts);
  weights->idf = (double *)calloc(weights->phrases + 1, sizeof(double));
  weights->frequency = (double *)calloc(weights->phrases + 1, sizeof(double));
  if (!weights->idf || !weights->frequency) {
    free_weights(weights);
    return SQLITE_NOMEM;
  }
  weights->average_length = rows > 0 ? (double)tokens / (double)rows : 1.0;
  for (int phrase = 0; rc == SQLITE_OK && phrase < weights->phrases; phrase++) {
    PhraseSample sample = {0, 0};
    rc = api->xQueryPhrase(fts, phrase, &sample, count_until_sampled);
    double hits = (double)sample.rows;
    if (sample.rows >= SAMPLED_ROWS && sample.last_rowid > 0 && sample.last_rowid < rows)
      hits = hits * (double)rows / (double)sample.last_rowid;
    double idf = log(((double)rows - hits + 0.5) / (hits + 0.5));
    weights->idf[phrase] = idf > 0.0 ? idf : 1e-6;
  }
  if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, weights, free_weights);
  if (rc != SQLITE_OK) {
    free_weights(weights);
    return rc;
  }
  *out = weights;
  return SQLITE_OK;
}

static void bm25_sampled(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context,
                         int argument_count, sqlite3_value **arguments) {
  QueryWeights *weights = 0;
  int rc = query_weights(api, fts, &weights);
  int instances = 0, row_length = 0;
  if (rc == SQLITE_OK) {
    memset(weights->frequency, 0, sizeof(double) * weights->phrases);
    rc = api->xInstCount(fts, &instances);
  }
  for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
    int phrase, column, offset;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK) {
      double weight = column < argument_count ? sqlite3_value_double(arguments[column]) : 1.0;
      weights->frequency[phrase] += weight;
    }
  }
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &row_length);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(context, rc);
    return;
  }
  double score = 0.0, length_norm = K1 * (1 - B + B * row_length / weights->average_length);
  for (int phrase = 0; phrase < weights->phrases; phrase++) {
    double frequency = weights->frequency[phrase];
    score += weights->idf[phrase] * frequency * (K1 + 1) / (frequency + length_norm);
  }
  sqlite3_result_double(context, -score);
}

static int register_on(sqlite3 *db, char **error, const void *unused) {
  (void)unused;
  fts5_api *fts5 = 0;
  sqlite3_stmt *statement = 0;
  if (sqlite3_prepare_v2(db, "select fts5(?1)", -1, &statement, 0) != SQLITE_OK) {
    sqlite3_finalize(statement);
    return SQLITE_OK; /* a connection without FTS5 simply has no ranking to add */
  }
  sqlite3_bind_pointer(statement, 1, (void *)&fts5, "fts5_api_ptr", 0);
  sqlite3_step(statement);
  sqlite3_finalize(statement);
  if (!fts5 || fts5->iVersion < 2) return SQLITE_OK;
  int rc = fts5->xCreateFunction(fts5, "bm25_sampled", 0, bm25_sampled, 0);
  if (rc != SQLITE_OK && error) *error = sqlite3_mprintf("bm25_sampled: could not register");
  return rc;
}

int register_for_every_connection(void) {
  return sqlite3_auto_extension((void (*)(void))register_on);
}
