public enum BuiltInRuleFiles {}
