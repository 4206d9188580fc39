//! [`PlanRef`]: a plan generated into the program or loaded at run time, behind one type.

use std::ops::Deref;
use std::sync::Arc;

use tokenspec_spec::plan::Plan;

/// A plan either generated into the user's binary (a `static` of borrowed literals) or loaded
/// at run time (the CLI, tests).
#[derive(Clone)]
pub(crate) enum PlanRef {
    Static(&'static Plan),
    Shared(Arc<Plan>),
}

impl Deref for PlanRef {
    type Target = Plan;
    fn deref(&self) -> &Plan {
        match self {
            PlanRef::Static(p) => p,
            PlanRef::Shared(p) => p,
        }
    }
}
