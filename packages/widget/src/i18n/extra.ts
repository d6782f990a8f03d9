/**
 * The languages besides English. The ES module (what the BFF serves) carries them all; the classic build
 * swaps this file for `extra.classic.ts`, which loads each one on demand from a sibling file.
 */
import {de} from './de.js';
import {es} from './es.js';
import {ptBR} from './pt-BR.js';
import type {Messages} from './types.js';

export const extra: Record<string, Messages> = {es, 'pt-BR': ptBR, de};

/** Fetches the strings of a language this build does not carry (never called here: it carries them all). */
export const fetchLocale = (_locale: string): Promise<Messages | undefined> => Promise.resolve(undefined);
