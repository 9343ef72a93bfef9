import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';

/** A labelled passphrase field (never shown in clear, never saved by the browser). */
export function PasswordInput(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  description?: string;
  isRequired?: boolean;
  autoComplete?: 'current-password' | 'new-password';
  name?: string;
}) {
  return (
    <TextField
      className="field"
      type="password"
      value={props.value}
      onChange={props.onChange}
      isInvalid={Boolean(props.error)}
      isRequired={props.isRequired}
      autoComplete={props.autoComplete ?? 'off'}
      name={props.name}
      validationBehavior="aria"
    >
      <Label className="field__label">{props.label}</Label>
      <Input className="field__input" />
      {props.description && (
        <Text slot="description" className="field__description">
          {props.description}
        </Text>
      )}
      <FieldError className="field__error">{props.error}</FieldError>
    </TextField>
  );
}
