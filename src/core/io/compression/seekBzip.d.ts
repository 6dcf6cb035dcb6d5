// seek-bzip ships no types; this declares the part Facetwise uses (the block loop of Bunzip.decode, lib/index.js).
declare module 'seek-bzip' {
  interface BzipInput {
    readByte(): number;
    read(buffer: Uint8Array, offset: number, length: number): number;
    eof(): boolean;
  }
  interface BzipOutput {
    writeByte(byte: number): void;
  }
  class Bunzip {
    constructor(input: BzipInput, output: BzipOutput);
    streamCRC: number;
    reader: { read(bits: number): number };
    _init_block(): boolean;
    _read_bunzip(): void;
    _start_bunzip(input: BzipInput, output: BzipOutput): void;
  }
  export = Bunzip;
}
