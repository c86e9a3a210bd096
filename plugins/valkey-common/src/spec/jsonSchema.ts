import { zodToJsonSchema } from 'zod-to-json-schema';
import { ValkeyInstanceSpec } from './instanceSpec';

/**
 * The instance spec as JSON schema (draft 7), for the form and for any tool
 * that validates an instance file. Structural rules only: the cross-field
 * rules of the zod schema (topology options per mode, unique names) are
 * expressed in the form by its own structure and enforced by the action.
 */
export function valkeyInstanceSpecJsonSchema(): Record<string, any> {
  // The cast avoids TS2589 (zod-to-json-schema's deep generic on a large schema).
  return zodToJsonSchema(ValkeyInstanceSpec as any, {
    target: 'jsonSchema7',
    $refStrategy: 'none',
  }) as Record<string, any>;
}
