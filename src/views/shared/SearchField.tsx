import {
  Button,
  TextInputGroup,
  TextInputGroupMain,
  TextInputGroupUtilities,
} from '@patternfly/react-core';
import { SearchIcon } from '@patternfly/react-icons/dist/dynamic/icons/search-icon';
import { TimesIcon } from '@patternfly/react-icons/dist/dynamic/icons/times-icon';
import { useEffect, useRef, useState } from 'react';
import { useLazyPullTranslation } from './i18n';

interface SearchFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** The field's accessible name, also shown as its placeholder. */
  label: string;
}

/**
 * A toolbar's text filter: PatternFly's text input group with a search icon and a clear button,
 * which is what PatternFly's SearchInput renders when it has no advanced search or navigation.
 * SearchInput's component folder, with its advanced search menu, cost ~3 KB of gzip-compressed
 * JavaScript that the plugin never used. Escape clears the field, as in a browser's search box,
 * and clearing by the button leaves the focus in the field.
 */
export const SearchField = ({ value, onChange, label }: SearchFieldProps) => {
  const { t } = useLazyPullTranslation();
  const input = useRef<HTMLInputElement>(null);
  // The field shows what is typed at once. `value` may come back later than each keystroke (the
  // console's router applies a URL change in a transition); had the field shown `value`, a
  // keystroke typed before the previous one came back would have been lost.
  const [text, setText] = useState(value);
  // What this field reported and has not yet seen come back as `value`, oldest first.
  const pending = useRef<string[]>([]);
  useEffect(() => {
    const own = pending.current.indexOf(value);
    if (own >= 0) {
      // One of ours, perhaps already overtaken by later keystrokes: the field is ahead of it.
      pending.current.splice(0, own + 1);
      return;
    }
    // Changed elsewhere (clear all filters, back and forward, a shared link): show it.
    pending.current = [];
    setText(value);
  }, [value]);
  const change = (next: string) => {
    // Bounded, for a parent that never gives the value back.
    if (pending.current.length >= 100) pending.current.shift();
    pending.current.push(next);
    setText(next);
    onChange(next);
  };
  return (
    <TextInputGroup>
      <TextInputGroupMain
        innerRef={input}
        icon={<SearchIcon />}
        value={text}
        placeholder={label}
        aria-label={label}
        onChange={(_event, next) => change(next)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text !== '') {
            event.stopPropagation();
            change('');
          }
        }}
      />
      {text !== '' && (
        <TextInputGroupUtilities>
          <Button
            variant="plain"
            aria-label={t('Clear search')}
            icon={<TimesIcon />}
            onClick={() => {
              change('');
              // The button goes away with the text; keep the keyboard in the field.
              input.current?.focus();
            }}
          />
        </TextInputGroupUtilities>
      )}
    </TextInputGroup>
  );
};
