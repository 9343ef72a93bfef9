import { FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useTypedText } from '../lib/use-typed-text';

interface TextInputProps {
  label: string;
  value: string;
  onChange(value: string): void;
  name?: string;
  description?: string;
  error?: string | undefined;
  isRequired?: boolean;
  type?: 'text' | 'email' | 'url' | 'search';
  autoComplete?: string;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  onBlur?(): void;
  className?: string;
  isReadOnly?: boolean;
}

/** A labelled text field with its help text and its error, wired for screen readers by React Aria. */
export function TextInput(props: TextInputProps) {
  const { t } = useTranslation();
  return (
    <TextField
      className={`field${props.className ? ` ${props.className}` : ''}`}
      name={props.name}
      value={props.value}
      onChange={props.onChange}
      isRequired={props.isRequired}
      isInvalid={Boolean(props.error)}
      type={props.type ?? 'text'}
      autoComplete={props.autoComplete}
      onBlur={props.onBlur}
      isReadOnly={props.isReadOnly}
      validationBehavior="aria"
    >
      <Label className="field__label">
        {props.label}
        {!props.isRequired && (
          <>
            {' '}
            <span className="field__optional">({t('common.optional')})</span>
          </>
        )}
      </Label>
      {props.multiline ? (
        <TextArea className="field__input field__input--multiline" rows={props.rows ?? 4} placeholder={props.placeholder} />
      ) : (
        <Input className="field__input" placeholder={props.placeholder} />
      )}
      {props.description && (
        <Text slot="description" className="field__description">
          {props.description}
        </Text>
      )}
      <FieldError className="field__error">{props.error}</FieldError>
    </TextField>
  );
}

interface TypedTextInputProps extends Omit<TextInputProps, 'onChange' | 'onBlur'> {
  /** Every change, at once. */
  onType(value: string): void;
  /** The text, a moment after the last change, on leaving the field, and when it goes away. */
  onSettle(value: string): void;
}

/**
 * A `TextInput` that keeps the text being typed itself (see use-typed-text.ts): for a long text
 * on a screen that is costly to draw again, such as an answer's justification. Give it a `key`
 * that changes when it shows another record's text.
 */
export function TypedTextInput({ onType, onSettle, value, ...props }: TypedTextInputProps) {
  const typed = useTypedText(value, onType, onSettle);
  return <TextInput {...props} value={typed.text} onChange={typed.change} onBlur={typed.settle} />;
}
