//! Optional keys may be left out, not set to null.
//!
//! schemars 1 describes an `Option<T>` field as "T or null" and has no setting to turn that
//! off. In a spec an optional key is one that may be *absent*: the loader rejects `method: ~`
//! ("expected a string, found null"), so the schema must too. This pass undoes exactly what
//! schemars adds to each optional property: a `null` in its `type` list, or an
//! `anyOf: [T, {"type": "null"}]` around it. The keys that really accept null (`apply.scheme`)
//! write it as `{"const": null}`, which this pass leaves alone.

use serde_json::{Map, Value};

/// Walks the whole schema, fixing the properties of every object schema that are not in its
/// `required` list.
pub(super) fn forbid_null_in_optional_keys(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            let required: Vec<String> = object
                .get("required")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            if let Some(Value::Object(properties)) = object.get_mut("properties") {
                for (key, property) in properties.iter_mut() {
                    if !required.contains(key) {
                        strip_null(property);
                    }
                }
            }
            object.values_mut().for_each(forbid_null_in_optional_keys);
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_null_in_optional_keys),
        _ => {}
    }
}

fn is_null_type(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|o| o.len() == 1 && o.get("type").and_then(Value::as_str) == Some("null"))
}

/// Removes the null schemars allowed in one property's schema.
fn strip_null(property: &mut Value) {
    let Value::Object(object) = property else {
        return;
    };
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t.as_str() != Some("null"));
        if let [only] = types.as_slice() {
            let only = only.clone();
            object.insert("type".to_owned(), only);
        }
        return;
    }
    let Some(Value::Array(branches)) = object.get("anyOf") else {
        return;
    };
    let kept: Vec<&Value> = branches.iter().filter(|b| !is_null_type(b)).collect();
    if kept.len() == branches.len() {
        return;
    }
    if let [Value::Object(inner)] = kept.as_slice() {
        // `{ anyOf: [T, null], description }` becomes `{ ...T, description }`; the property's
        // own keys (its description) win over T's.
        let mut merged: Map<String, Value> = inner.clone();
        object.remove("anyOf");
        for (k, v) in std::mem::take(object) {
            merged.insert(k, v);
        }
        *object = merged;
    } else {
        let kept: Vec<Value> = kept.into_iter().cloned().collect();
        object.insert("anyOf".to_owned(), Value::Array(kept));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::forbid_null_in_optional_keys;

    #[test]
    fn optional_keys_lose_null_and_required_ones_are_untouched() {
        let mut schema = json!({
            "properties": {
                "docs": { "type": ["string", "number", "null"] },
                "method": { "anyOf": [{ "$ref": "#/$defs/Method" }, { "type": "null" }], "description": "d" },
                "url": { "type": ["string", "null"] },
                "scheme": { "anyOf": [{ "type": "string" }, { "const": null }] }
            },
            "required": ["url"]
        });
        forbid_null_in_optional_keys(&mut schema);
        assert_eq!(
            schema,
            json!({
                "properties": {
                    "docs": { "type": ["string", "number"] },
                    "method": { "$ref": "#/$defs/Method", "description": "d" },
                    "url": { "type": ["string", "null"] },
                    "scheme": { "anyOf": [{ "type": "string" }, { "const": null }] }
                },
                "required": ["url"]
            })
        );
    }
}
