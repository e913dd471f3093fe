/**
 * The playbook editor's inputs. Each is named by its path in the document
 * (`slots.0.question.id`), the same path the server gives a problem, so the
 * server's refusal shows beside the field it is about.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import type { Issue } from '../../types';

export const IssuesContext = createContext<Issue[]>([]);

/** Problems at exactly `path`, or under it when `nested`. */
export function useIssues(path: string, nested = false): Issue[] {
  return useContext(IssuesContext).filter(
    (issue) => issue.path === path || (nested && issue.path.startsWith(`${path}.`)),
  );
}

/** The server's problems with this very field. */
export function Problems({ path }: { path: string }) {
  const issues = useIssues(path);
  if (issues.length === 0) return null;
  return (
    <>
      {issues.map((issue, i) => (
        <span key={i} className="field-issue" data-issue-path={issue.path}>
          {issue.message}
        </span>
      ))}
    </>
  );
}

/** How many problems lie under `path` (a closed item or a tab shows the count). */
export function IssueCount({ path }: { path: string }) {
  const count = useIssues(path, true).length;
  return count > 0 ? <span className="issue-count">{count}</span> : null;
}

export type PerLanguage<T> = { id: T; en: T };

/** One line in both languages, side by side. */
export function TextPair({
  label,
  path,
  value,
  onChange,
  long = false,
  hint,
}: {
  label: string;
  path: string;
  value: PerLanguage<string> | undefined;
  onChange(value: PerLanguage<string>): void;
  long?: boolean;
  hint?: string;
}) {
  const current = { id: value?.id ?? '', en: value?.en ?? '' };
  return (
    <fieldset className="pair">
      <legend>{label}</legend>
      {hint && <p className="muted small">{hint}</p>}
      <div className="pair-row">
        {(['id', 'en'] as const).map((language) => (
          // biome-ignore lint/a11y/noLabelWithoutControl: the control is the input or textarea below
          <label key={language}>
            <span className="lang">{language.toUpperCase()}</span>
            {long ? (
              <textarea
                name={`${path}.${language}`}
                rows={3}
                value={current[language]}
                onChange={(e) => onChange({ ...current, [language]: e.target.value })}
              />
            ) : (
              <input
                name={`${path}.${language}`}
                value={current[language]}
                onChange={(e) => onChange({ ...current, [language]: e.target.value })}
              />
            )}
            <Problems path={`${path}.${language}`} />
          </label>
        ))}
      </div>
      <Problems path={path} />
    </fieldset>
  );
}

const splitWords = (text: string) =>
  text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

/**
 * A list of words, comma separated. The text is kept as typed (a trailing comma
 * survives) and read again only when the list changes from elsewhere.
 */
export function WordsInput({
  name,
  value,
  onChange,
  ariaLabel,
}: {
  name: string;
  value: string[];
  onChange(words: string[]): void;
  ariaLabel?: string;
}) {
  const [text, setText] = useState(value.join(', '));
  useEffect(() => {
    if (splitWords(text).join('\n') !== value.join('\n')) setText(value.join(', '));
  }, [value]);
  return (
    <input
      name={name}
      aria-label={ariaLabel}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitWords(e.target.value));
      }}
    />
  );
}

/** Words in both languages, side by side. */
export function WordsPair({
  label,
  path,
  value,
  onChange,
}: {
  label: string;
  path: string;
  value: PerLanguage<string[]> | undefined;
  onChange(value: PerLanguage<string[]>): void;
}) {
  const { t } = useI18n();
  const current = { id: value?.id ?? [], en: value?.en ?? [] };
  return (
    <fieldset className="pair">
      <legend>{label}</legend>
      <div className="pair-row">
        {(['id', 'en'] as const).map((language) => (
          // biome-ignore lint/a11y/noLabelWithoutControl: the control is WordsInput's input
          <label key={language}>
            <span className="lang">{language.toUpperCase()}</span>
            <WordsInput
              name={`${path}.${language}`}
              value={current[language]}
              onChange={(words) => onChange({ ...current, [language]: words })}
            />
            <IssueList path={`${path}.${language}`} />
          </label>
        ))}
      </div>
      <p className="muted small">{t('playbook.commaSeparated')}</p>
    </fieldset>
  );
}

/** Problems at or under a path, each with the rest of its path (a word's index). */
export function IssueList({ path }: { path: string }) {
  const issues = useIssues(path, true);
  if (issues.length === 0) return null;
  return (
    <>
      {issues.map((issue, i) => (
        <span key={i} className="field-issue" data-issue-path={issue.path}>
          {issue.path === path ? '' : `${issue.path.slice(path.length + 1)}: `}
          {issue.message}
        </span>
      ))}
    </>
  );
}

/** Patterns, one a line. */
export function PatternsInput({
  path,
  value,
  onChange,
}: {
  path: string;
  value: string[];
  onChange(patterns: string[]): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value.join('\n'));
  useEffect(() => {
    if (text.split('\n').filter(Boolean).join('\n') !== value.join('\n')) setText(value.join('\n'));
  }, [value]);
  return (
    <label>
      {t('playbook.patterns')}
      <textarea
        name={path}
        rows={Math.min(6, Math.max(2, value.length + 1))}
        className="mono"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.split('\n').filter((line) => line.trim() !== ''));
        }}
      />
      <span className="muted small">{t('playbook.patternsHint')}</span>
      <IssueList path={path} />
    </label>
  );
}

/**
 * A part of the document edited as JSON (conditions, earn rules): the text is kept
 * while it does not parse, and the document changes only when it does.
 */
export function JsonInput({
  label,
  path,
  value,
  onChange,
}: {
  label: string;
  path: string;
  value: unknown;
  onChange(value: unknown): void;
}) {
  const { t } = useI18n();
  const shown = JSON.stringify(value, null, 1);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    try {
      if (JSON.stringify(JSON.parse(text), null, 1) === shown) return;
    } catch {
      // Text that does not parse stays as typed until it does.
      return;
    }
    setText(shown);
  }, [shown]);
  return (
    <label>
      {label}
      <textarea
        name={path}
        className="mono"
        rows={Math.min(10, shown.split('\n').length + 1)}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && <span className="field-issue">{t('playbook.badJson')}</span>}
      <IssueList path={path} />
    </label>
  );
}

/** A labelled control with the problems at its path under it. */
export function Field({ label, path, children }: { label: string; path: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label>
      {label}
      {children}
      <Problems path={path} />
    </label>
  );
}
