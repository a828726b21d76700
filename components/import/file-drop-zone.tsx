'use client';

import { useRef, useState, type DragEvent } from 'react';

const ACCEPT = '.csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The whole upload step is a drop target; a file chooser does the same for keyboard users. */
export function FileDropZone({ onFile, disabled, children }: { onFile: (file: File) => void; disabled: boolean; children?: React.ReactNode }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function onDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  }

  return (
    <section
      aria-label="Upload a spreadsheet"
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={`card flex min-h-48 flex-col items-center justify-center gap-3 border-2 border-dashed text-center ${over ? 'border-indigo-500 bg-indigo-50' : 'border-slate-300'}`}
    >
      <p className="text-base">Drop a CSV, TSV or Excel (.xlsx) file here</p>
      <p className="text-sm text-slate-500">or</p>
      <button type="button" className="btn-secondary" disabled={disabled} onClick={() => input.current?.click()}>
        Choose a file
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className="sr-only"
        aria-label="Spreadsheet file"
        data-testid="file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }}
      />
      {children}
    </section>
  );
}
