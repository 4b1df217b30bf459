//! kensho's own Tera filters: `fill`, the labels' placeholder filler for the templates,
//! and `safe`, marking a value safe without copying it.
//!
//! `{{ t.kpi.caption | fill(name=k.name, unit=k.unit) }}` puts each argument in for its
//! placeholder (`{name}`, `{unit}`) with the filler the Rust side fills labels with
//! (`model::labels::fill`): one pass, a value never searched again. Escaping is Tera's
//! `replace`'s: when the label or a value is marked safe, the rest is escaped and the
//! result is safe, so a label keeps a value's markup (`<bdi>`) and escapes its own text.

use std::borrow::Cow;

use tera::{ArgFromValue, Kwargs, State, StringInput, TeraResult, Value};

/// Tera's `safe` as it marks a string: the value itself, marked. Tera's own builds a new
/// string of the same text, a copy of every HTML fragment and chart a page writes.
pub fn safe(value: Value, _: Kwargs, _: &State) -> Value {
    value.mark_safe()
}

/// The `fill` filter: `text` with each keyword argument put in for `{argument}`.
pub fn fill(text: StringInput, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let mut values = Vec::new();
    for (key, value) in kwargs.iter() {
        if let Some(name) = key.as_str() {
            values.push((name, StringInput::from_value(value)?));
        }
    }
    let safe =
        state.autoescaping_enabled() && (text.is_safe() || values.iter().any(|(_, v)| v.is_safe()));
    if !safe {
        let filled = crate::model::labels::fill(text.as_str(), |name| {
            (values.iter().find(|(n, _)| *n == name)).map(|(_, v)| v.as_str())
        });
        return Ok(Value::from(filled));
    }
    let rendered: Vec<(&str, Cow<str>)> = values
        .iter()
        .map(|(name, v)| Ok((*name, v.rendered(state)?)))
        .collect::<TeraResult<_>>()?;
    let filled = crate::model::labels::fill(&text.rendered(state)?, |name| {
        (rendered.iter().find(|(n, _)| *n == name)).map(|(_, v)| v.as_ref())
    });
    Ok(Value::safe_string(&filled))
}

#[cfg(test)]
mod tests {
    fn render(template: &str, ctx: &tera::Context) -> String {
        let mut tera = tera::Tera::new();
        tera.set_escape_fn(crate::draw::escape::html);
        tera.register_filter("fill", super::fill);
        tera.add_raw_template("t.html", template).unwrap();
        tera.render("t.html", ctx).unwrap()
    }

    #[test]
    fn fill_escapes_as_a_chain_of_replace_does() {
        let mut ctx = tera::Context::new();
        ctx.insert("label", "{name}の<単位>{unit}");
        ctx.insert("name", "A&B");
        ctx.insert("unit", "人");
        let chains = [
            (
                r#"{{ label | fill(name=name, unit=unit) }}"#,
                r#"{{ label | replace(from="{name}", to=name) | replace(from="{unit}", to=unit) }}"#,
            ),
            (
                r#"{{ label | fill(name=("<bdi>" ~ (name | escape) ~ "</bdi>") | safe, unit=unit) | safe }}"#,
                r#"{{ label | replace(from="{name}", to=("<bdi>" ~ (name | escape) ~ "</bdi>") | safe) | replace(from="{unit}", to=unit) | safe }}"#,
            ),
            (
                r#"{{ label | escape | fill(unit=unit) | safe }}"#,
                r#"{{ label | escape | replace(from="{unit}", to=unit) | safe }}"#,
            ),
        ];
        for (fill, replace) in chains {
            assert_eq!(render(fill, &ctx), render(replace, &ctx), "{fill}");
        }
        assert_eq!(
            render(chains[1].0, &ctx),
            "<bdi>A&amp;B</bdi>の&lt;単位&gt;人"
        );
        let mut tera = tera::Tera::new();
        tera.register_filter("fill", super::fill);
        tera.add_raw_template("n.html", "{{ label | fill(name=3) }}")
            .unwrap();
        assert!(
            tera.render("n.html", &ctx).is_err(),
            "a number is not put in"
        );
    }
}
