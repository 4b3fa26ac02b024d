/*
 * Readers for catalogue input that may be partly invalid: the cross-field checks run beside zod's field checks, on
 * the raw input, so every read is guarded and a check only fires on values that are themselves well-formed.
 */

/** A raw object of the input. */
export type Loose = Record<string, unknown>;
/** Where in the catalogue a problem is, for its message. */
export type Path = (string | number)[];
/** Reports one problem at a path. */
export type Issue = (path: Path, message: string) => void;

export const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
export const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);
/** A number or a string, as written (CPU and memory quantities), for messages and parsing. */
export const quantity = (v: unknown, fallback: string): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : fallback);
export const cloudOf = (e: Loose): 'aws' | 'azure' | undefined => (e.cloud === 'aws' || e.cloud === 'azure' ? e.cloud : undefined);
