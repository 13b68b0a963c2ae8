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
 * A row's length (its tokens, which bm25 weighs against the average) is a lookup in the
 * index's docsize table for every row ranked: for a frequent word, most of a search's time. On
 * a read-only connection to the explorer's table (passages_fts), a block of BLOCK_ROWS rows of
 * which one search looks up LOOKUPS_BEFORE_LOADING lengths has all its lengths read in one
 * range scan and kept for the connection's later searches: a frequent word's rows come from
 * memory, and a search of a rare word pays what it paid before (or less, where a frequent
 * word's search has read its blocks).
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
#define BLOCK_ROWS 1024
#define LOOKUPS_BEFORE_LOADING 64 /* a block's range scan costs about as many lookups */
#define UNKNOWN_LENGTH 0xFFFF /* a length not kept: looked up */

/* The row lengths kept for one connection, filled a block at a time. */
typedef struct {
  sqlite3 *db;
  int unusable; /* a connection that can write, or without passages_fts */
  sqlite3_int64 rows; /* rowids below this are kept */
  sqlite3_int64 table_rows, table_tokens; /* passages_fts's: what tells a query ranks it */
  unsigned short *lengths;
  unsigned char *loaded; /* per block */
} KeptLengths;

typedef struct {
  sqlite3_int64 rows;
  sqlite3_int64 last_rowid;
} PhraseSample;

typedef struct {
  int phrases;
  double average_length;
  double *idf;
  double *frequency;
  int kept; /* the table ranked is the one whose lengths are kept */
  sqlite3_int64 block; /* the block of the row ranked last, and its lookups in this query */
  int lookups;
} QueryWeights;

static void free_kept(void *data) {
  KeptLengths *kept = (KeptLengths *)data;
  free(kept->lengths);
  free(kept->loaded);
  free(kept);
}

/* The number of bytes of the SQLite varint at p (0 if it runs past end), its value in *value. */
static int read_varint(const unsigned char *p, const unsigned char *end, sqlite3_uint64 *value) {
  sqlite3_uint64 v = 0;
  for (int i = 0; i < 9 && p + i < end; i++) {
    if (i == 8) {
      *value = (v << 8) | p[i];
      return 9;
    }
    v = (v << 7) | (p[i] & 0x7f);
    if (!(p[i] & 0x80)) {
      *value = v;
      return i + 1;
    }
  }
  return 0;
}

/* The sum of the varints from p to end into *total; 0 if one runs past end. */
static int sum_varints(const unsigned char *p, const unsigned char *end, sqlite3_uint64 *total) {
  sqlite3_uint64 value = 0;
  *total = 0;
  for (int read; p < end; p += read) {
    if (!(read = read_varint(p, end, &value))) return 0;
    *total += value;
  }
  return 1;
}

/* passages_fts's number of rows and of tokens, from the record FTS5 keeps them in (rowid 1 of
 * its data table: the rows, then each column's tokens), as xRowCount and xColumnTotalSize
 * give them for the table a query ranks. */
static int read_totals(KeptLengths *kept) {
  sqlite3_stmt *statement = 0;
  int found = 0;
  if (sqlite3_prepare_v2(kept->db, "select block from main.passages_fts_data where id = 1", -1,
                         &statement, 0) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    const unsigned char *record = (const unsigned char *)sqlite3_column_blob(statement, 0);
    const unsigned char *end = record + sqlite3_column_bytes(statement, 0);
    sqlite3_uint64 rows = 0, tokens = 0;
    int read = record < end ? read_varint(record, end, &rows) : 0;
    found = read > 0 && sum_varints(record + read, end, &tokens);
    kept->table_rows = (sqlite3_int64)rows;
    kept->table_tokens = (sqlite3_int64)tokens;
  }
  sqlite3_finalize(statement);
  return found;
}

/* Ready to keep lengths: a read-only connection to a database with passages_fts. */
static int kept_ready(KeptLengths *kept) {
  if (kept->unusable) return 0;
  if (kept->lengths) return 1;
  kept->unusable = 1;
  if (sqlite3_db_readonly(kept->db, "main") != 1) return 0;
  sqlite3_stmt *statement = 0;
  if (sqlite3_prepare_v2(kept->db, "select max(id) from main.passages_fts_docsize", -1,
                         &statement, 0) != SQLITE_OK) {
    sqlite3_finalize(statement);
    return 0;
  }
  sqlite3_int64 last = -1;
  if (sqlite3_step(statement) == SQLITE_ROW) last = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  if (last < 0 || !read_totals(kept)) return 0;
  kept->rows = last + 1;
  kept->lengths = (unsigned short *)malloc(sizeof(unsigned short) * kept->rows);
  kept->loaded = (unsigned char *)calloc(kept->rows / BLOCK_ROWS + 1, 1);
  if (!kept->lengths || !kept->loaded) {
    free(kept->lengths);
    free(kept->loaded);
    kept->lengths = 0;
    kept->loaded = 0;
    return 0;
  }
  kept->unusable = 0;
  return 1;
}

/* Every length of the block, read in one range scan (each row's columns' sizes summed). */
static void load_block(KeptLengths *kept, sqlite3_int64 block) {
  sqlite3_int64 first = block * BLOCK_ROWS;
  sqlite3_int64 last = first + BLOCK_ROWS < kept->rows ? first + BLOCK_ROWS : kept->rows;
  for (sqlite3_int64 row = first; row < last; row++) kept->lengths[row] = UNKNOWN_LENGTH;
  sqlite3_stmt *statement = 0;
  if (sqlite3_prepare_v2(kept->db,
                         "select id, sz from main.passages_fts_docsize where id >= ? and id < ?",
                         -1, &statement, 0) == SQLITE_OK) {
    sqlite3_bind_int64(statement, 1, first);
    sqlite3_bind_int64(statement, 2, last);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      sqlite3_int64 row = sqlite3_column_int64(statement, 0);
      const unsigned char *size = (const unsigned char *)sqlite3_column_blob(statement, 1);
      sqlite3_uint64 total = 0;
      if (sum_varints(size, size + sqlite3_column_bytes(statement, 1), &total) &&
          total < UNKNOWN_LENGTH)
        kept->lengths[row] = (unsigned short)total;
    }
  }
  sqlite3_finalize(statement);
  kept->loaded[block] = 1;
}

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
  weights->block = -1;
  KeptLengths *kept = (KeptLengths *)api->xUserData(fts);
  weights->kept = kept && kept_ready(kept) && rows == kept->table_rows &&
                  tokens == kept->table_tokens;
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

/* The row's length in tokens: kept, or looked up in the index. A query's rows come in rowid
 * order: its lookups in one block are counted until the block is worth reading whole. */
static int row_length(const Fts5ExtensionApi *api, Fts5Context *fts, QueryWeights *weights,
                      int *length) {
  KeptLengths *kept = (KeptLengths *)api->xUserData(fts);
  sqlite3_int64 row = api->xRowid(fts);
  if (weights->kept && row >= 0 && row < kept->rows) {
    sqlite3_int64 block = row / BLOCK_ROWS;
    if (block != weights->block) {
      weights->block = block;
      weights->lookups = 0;
    }
    if (!kept->loaded[block] && ++weights->lookups >= LOOKUPS_BEFORE_LOADING)
      load_block(kept, block);
    if (kept->loaded[block] && kept->lengths[row] != UNKNOWN_LENGTH) {
      *length = kept->lengths[row];
      return SQLITE_OK;
    }
  }
  return api->xColumnSize(fts, -1, length);
}

static void bm25_sampled(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context,
                         int argument_count, sqlite3_value **arguments) {
  QueryWeights *weights = 0;
  int rc = query_weights(api, fts, &weights);
  int instances = 0, length = 0;
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
  if (rc == SQLITE_OK) rc = row_length(api, fts, weights, &length);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(context, rc);
    return;
  }
  double score = 0.0, length_norm = K1 * (1 - B + B * length / weights->average_length);
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
  KeptLengths *kept = (KeptLengths *)calloc(1, sizeof(KeptLengths));
  if (!kept) return SQLITE_NOMEM;
  kept->db = db;
  int rc = fts5->xCreateFunction(fts5, "bm25_sampled", kept, bm25_sampled, free_kept);
  if (rc != SQLITE_OK) free_kept(kept);
  if (rc != SQLITE_OK && error) *error = sqlite3_mprintf("bm25_sampled: could not register");
  return rc;
}

int register_for_every_connection(void) {
  return sqlite3_auto_extension((void (*)(void))register_on);
}
