/**
 * Checks values against the chart's values.schema.json with ajv. Compiled
 * validators are cached per schema object, so repeated renders with the same
 * chart only pay for validation.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Values } from './types';

const cache = new WeakMap<object, ValidateFunction>();

function compile(schema: Record<string, unknown>): ValidateFunction {
  let validate = cache.get(schema);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  return validate;
}

function describe(error: ErrorObject): { field: string; message: string } {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string })
      .additionalProperty;
    return {
      field: path ? `${path}.${extra}` : extra,
      message: 'is not a value of the valkey chart',
    };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] })
      .allowedValues;
    return {
      field: path,
      message: `must be one of ${allowed
        .map(a => JSON.stringify(a))
        .join(', ')}`,
    };
  }
  return { field: path || '(values)', message: error.message ?? 'is invalid' };
}

/** Problems of the full values (chart defaults merged in) against the chart schema. */
export function checkAgainstChartSchema(
  schema: Record<string, unknown>,
  values: Values,
): Array<{ field: string; message: string }> {
  const validate = compile(schema);
  if (validate(values)) return [];
  const seen = new Set<string>();
  return (validate.errors ?? []).map(describe).filter(e => {
    const key = `${e.field}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
