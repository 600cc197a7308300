/**
 * Writes db/pg/schema.ts, the PostgreSQL twin of the SQLite schema (db/schema.ts stays the one that is edited): same
 * tables, columns, keys and indexes under the same names. It exists for drizzle-kit to write PostgreSQL migrations
 * from: at run time the repositories query either store with db/schema.ts's tables, so every column keeps the type
 * that makes those tables' value mapping right on both: text as text (JSON too, as JSON text), integers as bigint read
 * as numbers (durations in ms and money in minor units outgrow int4), an integer primary key SQLite assigns as an
 * identity, blobs as bytea. `npm run db:generate` runs this, then drizzle-kit for both dialects;
 * db/pg/schema.test.ts checks the committed file is what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { is, SQL } from 'drizzle-orm';
import prettier from 'prettier';
import * as schema from '../db/schema.js';

export const pgSchemaFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'db', 'pg', 'schema.ts');

const NOW_UTC = `to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function columnSource(table: SQLiteTable, column: SQLiteColumn, singlePrimaryKey: boolean): string {
  const name = JSON.stringify(column.name);
  const kind = column.columnType;
  let source: string;
  if (kind === 'SQLiteTextJson') source = `text(${name})`;
  else if (kind === 'SQLiteText') {
    const values = (column as { enumValues?: string[] }).enumValues;
    source = values?.length ? `text(${name}, { enum: ${JSON.stringify(values)} })` : `text(${name})`;
  } else if (kind === 'SQLiteInteger') source = `bigint(${name}, { mode: 'number' })`;
  else if (kind === 'SQLiteReal') source = `doublePrecision(${name})`;
  else if (kind === 'SQLiteBlobBuffer') source = `bytea(${name})`;
  else throw new Error(`${getTableConfig(table).name}.${column.name}: no PostgreSQL type for ${kind}`);
  if (column.primary && singlePrimaryKey) {
    source += '.primaryKey()';
    // SQLite assigns an integer primary key (the rowid) when an insert leaves it out; an identity does the same.
    if (kind === 'SQLiteInteger') source += '.generatedByDefaultAsIdentity()';
  }
  if (column.notNull && !column.primary) source += '.notNull()';
  if (column.hasDefault && column.default !== undefined) {
    if (is(column.default, SQL)) {
      const text = column.default.queryChunks.map((c) => (c as { value?: string[] }).value?.join('') ?? '').join('');
      if (!text.includes("strftime('%Y-%m-%dT%H:%M:%fZ','now')")) throw new Error(`unknown default ${text}`);
      source += `.default(sql\`${NOW_UTC}\`)`;
    } else {
      source += `.default(${JSON.stringify(column.default)})`;
    }
  }
  return source;
}

function tableSource(exportName: string, table: SQLiteTable, tableNames: Map<SQLiteTable, string>): string {
  const config = getTableConfig(table);
  const singlePrimaryKey = config.primaryKeys.length === 0;
  const columnKey = new Map<string, string>();
  for (const [key, value] of Object.entries(table)) {
    if (config.columns.includes(value as SQLiteColumn)) columnKey.set((value as SQLiteColumn).name, key);
  }
  const lines = config.columns.map((column) => {
    let source = columnSource(table, column, singlePrimaryKey);
    const reference = config.foreignKeys.find(
      (fk) => fk.reference().columns.length === 1 && fk.reference().columns[0] === column,
    );
    if (reference) {
      const target = reference.reference();
      const targetTable = tableNames.get(target.foreignTable as SQLiteTable);
      const targetColumn = target.foreignColumns[0]!;
      const targetKey = Object.entries(target.foreignTable).find(([, v]) => v === targetColumn)?.[0];
      const onDelete =
        reference.onDelete && reference.onDelete !== 'no action' ? `, { onDelete: '${reference.onDelete}' }` : '';
      source += `.references(() => ${targetTable}.${targetKey}${onDelete})`;
    }
    return `    ${columnKey.get(column.name)}: ${source},`;
  });
  const extras: string[] = [];
  for (const pk of config.primaryKeys) {
    extras.push(`primaryKey({ columns: [${pk.columns.map((c) => `t.${columnKey.get(c.name)}`).join(', ')}] })`);
  }
  for (const index of config.indexes) {
    const { name, columns, unique, where } = index.config;
    if (where) throw new Error(`${name}: partial indexes are not translated yet`);
    const on = columns.map((c) => `t.${columnKey.get((c as SQLiteColumn).name)}`).join(', ');
    extras.push(`${unique ? 'uniqueIndex' : 'index'}(${JSON.stringify(name)}).on(${on})`);
  }
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    if (ref.columns.length === 1) continue;
    const targetTable = tableNames.get(ref.foreignTable as SQLiteTable);
    const cols = ref.columns.map((c) => `t.${columnKey.get(c.name)}`).join(', ');
    const targetKeys = ref.foreignColumns.map((c) => Object.entries(ref.foreignTable).find(([, v]) => v === c)?.[0]);
    extras.push(
      `foreignKey({ columns: [${cols}], foreignColumns: [${targetKeys.map((k) => `${targetTable}.${k}`).join(', ')}] })`,
    );
  }
  const body = `{\n${lines.join('\n')}\n  }`;
  const tail = extras.length ? `,\n  (t) => [\n${extras.map((e) => `    ${e},`).join('\n')}\n  ]` : '';
  return `export const ${exportName} = pgTable(\n  ${JSON.stringify(config.name)},\n  ${body}${tail},\n);\n`;
}

/** The file's text as committed: generated, then formatted as `npm run format` would. */
export async function pgSchemaSource(): Promise<string> {
  const config = await prettier.resolveConfig(pgSchemaFile);
  return prettier.format(unformattedSource(), { ...config, filepath: pgSchemaFile });
}

function unformattedSource(): string {
  const tables = (Object.entries(schema).filter(([, value]) => is(value, SQLiteTable)) as [string, SQLiteTable][]).sort(
    ([a], [b]) => (a < b ? -1 : 1),
  );
  const tableNames = new Map(tables.map(([name, table]) => [table, name]));
  const body = tables.map(([name, table]) => tableSource(name, table, tableNames)).join('\n');
  const builders = ['bigint', 'customType', 'doublePrecision', 'foreignKey', 'index', 'pgTable', 'primaryKey'];
  const used = [...builders, 'text', 'uniqueIndex'].filter(
    (b) => b === 'customType' || new RegExp(`\\b${b}\\(`).test(body),
  );
  const header = `// Generated by scripts/generate-pg-schema.ts from db/schema.ts: do not edit (npm run db:generate).
import { sql } from 'drizzle-orm';
import { ${used.join(', ')} } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
`;
  return [header, body].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(pgSchemaFile), { recursive: true });
  fs.writeFileSync(pgSchemaFile, await pgSchemaSource());
}
