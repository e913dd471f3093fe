/**
 * Prepared statements for PGlite's worker (JavaScript source, run inside the worker script of
 * open-pglite-worker.ts, which runs from a string).
 *
 * Why: PGlite's query() parses, analyses and plans every statement anew (an unnamed statement)
 * and crosses into the WASM six times for it (parse, describe, bind, describe, execute, sync).
 * ARI runs the same few dozen statement texts over and over: preparing each once per
 * connection and then sending bind + execute + sync as one message cost a quarter to a third
 * of the time per statement (measured in PGlite: a reply's first read 1.36 → 0.31 ms, a
 * primary-key update 0.47 → 0.17 ms). The worker is PGlite's one connection, so what it saves
 * is what every webhook waits for.
 *
 * Results are built as PGlite's query() builds them (its parsers and serializers, rowMode,
 * affectedRows), so drizzle and pg-boss see no difference. The least recently used statements
 * are closed past LIMIT, so texts that vary (an IN list's length) cannot grow the WASM heap
 * without end. A statement prepared before a table changed could no longer run ("cached plan
 * must not change result type"): every schema change passes through this one connection, so
 * after any CREATE, ALTER or DROP (and any exec naming one), every prepared statement is closed
 * and prepared again when next used. One that still meets that
 * error (a change made inside a DO block) reports it and is prepared again by its next run.
 */
export const PREPARED_STATEMENTS_SCRIPT = `
function preparedStatements(client, { serialize }, types, limit) {
  const cache = new Map();
  let nextName = 0;
  let toClose = [];
  const identity = (value) => value;

  function concat(parts) {
    const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  async function prepare(text) {
    const name = 'ari_' + (++nextName).toString(36);
    const messages = await client.execProtocolStream(
      concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const params = messages.find((m) => m.name === 'parameterDescription');
    const row = messages.find((m) => m.name === 'rowDescription');
    const statement = {
      name,
      paramTypes: params ? params.dataTypeIDs : [],
      fields: row ? row.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) : [],
      parsersByRawTypes: new Map(),
    };
    cache.set(text, statement);
    if (cache.size > limit) {
      const [oldest, evicted] = cache.entries().next().value;
      cache.delete(oldest);
      toClose.push(serialize.close({ type: 'S', name: evicted.name }));
    }
    return statement;
  }

  function bindValue(statement, value, i) {
    if (value === null || value === undefined) return null;
    const serializer = client.serializers[statement.paramTypes[i]];
    return serializer ? serializer(value) : value.toString();
  }

  // One parser per column, kept per statement and per set of types left as text.
  function columnParsers(statement, rawTypes) {
    const key = rawTypes ? rawTypes.join(',') : '';
    let parsers = statement.parsersByRawTypes.get(key);
    if (!parsers) {
      const raw = new Set(rawTypes ?? []);
      parsers = statement.fields.map(({ dataTypeID }) =>
        raw.has(dataTypeID) ? identity : (client.parsers[dataTypeID] ?? types.parsers[dataTypeID] ?? identity),
      );
      statement.parsersByRawTypes.set(key, parsers);
    }
    return parsers;
  }

  /** Closes every prepared statement (with the next statement sent): the schema may have changed. */
  function forgetAll() {
    for (const statement of cache.values()) toClose.push(serialize.close({ type: 'S', name: statement.name }));
    cache.clear();
  }

  function results(statement, messages, options) {
    const parsers = columnParsers(statement, options.rawTypes);
    const { fields } = statement;
    const asArrays = options.rowMode === 'array';
    const rows = [];
    let affectedRows = 0;
    for (const message of messages) {
      if (message.name === 'dataRow') {
        const values = message.fields;
        if (asArrays) {
          const row = new Array(values.length);
          for (let i = 0; i < values.length; i++)
            row[i] = values[i] === null ? null : parsers[i](values[i], fields[i].dataTypeID);
          rows.push(row);
        } else {
          const row = {};
          for (let i = 0; i < values.length; i++)
            row[fields[i].name] = values[i] === null ? null : parsers[i](values[i], fields[i].dataTypeID);
          rows.push(row);
        }
      } else if (message.name === 'commandComplete') {
        const words = message.text.split(' ');
        if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(words[0]))
          affectedRows += parseInt(words[words.length - 1], 10);
        else if (['CREATE', 'ALTER', 'DROP'].includes(words[0])) forgetAll();
      }
    }
    return { rows, fields, affectedRows };
  }

  async function run(text, values, options, inTransaction) {
    let statement = cache.get(text);
    if (statement) {
      // Most recently used last: the first entry is the one to close.
      cache.delete(text);
      cache.set(text, statement);
    } else {
      statement = await prepare(text);
    }
    const bound = values.map((value, i) => bindValue(statement, value, i));
    const closing = toClose;
    toClose = [];
    try {
      const messages = await client.execProtocolStream(
        concat([...closing, serialize.bind({ statement: statement.name, values: bound }), serialize.execute({}), serialize.sync()]),
        { syncToFs: !inTransaction },
      );
      return results(statement, messages, options);
    } catch (error) {
      if (error && error.code === '0A000' && /cached plan must not change result type/.test(error.message) && cache.get(text) === statement) {
        cache.delete(text);
        toClose.push(serialize.close({ type: 'S', name: statement.name }));
      }
      throw error;
    }
  }

  // As PGlite's query() does: nothing runs once close() has begun.
  async function ready(work) {
    await client._checkReady();
    return work();
  }

  return {
    /** tx: PGlite's open transaction the statement belongs to, or null for a statement of its own. */
    query(text, values, options, tx) {
      // What PGlite's own query() waits for: inside a transaction, its turn among the
      // transaction's statements; outside, also that no transaction is open.
      if (tx) {
        if (tx.closed) return Promise.reject(new Error('Transaction is closed'));
        return client.runExclusive(() => ready(() => run(text, values, options, true)));
      }
      return client._runExclusiveTransaction(() =>
        client.runExclusive(() => ready(() => run(text, values, options, false))),
      );
    },
    forgetAll,
  };
}
`;
