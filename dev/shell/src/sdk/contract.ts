/**
 * Compile-time contract (never bundled): every export of the shell's SDK exists in the real
 * `@openshift-console/dynamic-plugin-sdk` 4.22 and is assignable to the real export's type.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import * as Shell from './index';

type ShellExports = typeof Shell;
type Unknown = Exclude<keyof ShellExports, keyof typeof SDK>;

/** Fails to compile, naming the export, when the shell exports something the SDK does not have. */
export const noUnknownExports: [Unknown] extends [never] ? true : Unknown = true;

/** Fails to compile when a shell export's type is not the SDK's. */
export const sameSignatures: Pick<typeof SDK, keyof ShellExports> = Shell;
