import { TomlError } from 'smol-toml';

/**
 * One line saying where a TOML document broke. smol-toml's messages carry a multi-line code
 * excerpt meant for a terminal; a report, an annotation or a log line wants only the first line
 * and the position.
 */
export const describeTomlError = (fileLabel: string, error: unknown): string => {
  if (error instanceof TomlError) {
    const firstLine = error.message.split('\n', 1)[0].replace(/^Invalid TOML document: /, '');
    return `${fileLabel} is not valid TOML (line ${error.line}, column ${error.column}): ${firstLine}`;
  }
  return `${fileLabel} could not be parsed: ${error instanceof Error ? error.message : String(error)}`;
};

/** TOML tables come back from smol-toml as null-prototype objects; arrays are not tables. */
export const isTomlTable = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** How a TOML value is called in messages: the TOML type name, not the JavaScript one. */
export const tomlTypeName = (value: unknown): string => {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date-time';
  if (isTomlTable(value)) return 'a table';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  return typeof value;
};
