/** One document's text, indexed: code points ↔ UTF-16, tokens, blocks. Built once per `setText`. */
import { BLOCK_TARGET, blockAt, splitBlocks } from './blocks.ts';
import { CodePointText } from './offsets.ts';
import { snapRange, type Granularity, type Range } from './snap.ts';
import { tokenize, type Tokens } from './tokens.ts';

export class TextModel {
  readonly text: CodePointText;
  readonly tokens: Tokens;
  readonly blocks: readonly Range[];

  constructor(text: string, blockTarget = BLOCK_TARGET) {
    this.text = new CodePointText(text);
    this.tokens = tokenize(this.text);
    this.blocks = splitBlocks(this.text, this.tokens, blockTarget);
  }

  get length(): number { return this.text.length; }

  blockAt(pos: number): number { return blockAt(this.blocks, pos); }

  snap(raw: Range, granularity: Granularity): Range | null {
    return snapRange(raw, this.text, this.tokens, granularity);
  }
}
