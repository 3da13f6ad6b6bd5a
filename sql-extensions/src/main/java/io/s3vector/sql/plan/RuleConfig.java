package io.s3vector.sql.plan;

import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * The configuration of our planner rules (Calcite's {@code RelRule.Config} without its
 * annotation-generated immutables): operands, description, and how to make the rule.
 */
record RuleConfig(RelBuilderFactory relBuilderFactory, String description,
    RelRule.OperandTransform operandSupplier, Function<RuleConfig, RelOptRule> factory)
    implements RelRule.Config {

  static RuleConfig of(String description, RelRule.OperandTransform operands,
      Function<RuleConfig, RelOptRule> factory) {
    return new RuleConfig(null, description, operands, factory);
  }

  @Override
  public RelOptRule toRule() {
    return factory.apply(this);
  }

  @Override
  public RelRule.Config withRelBuilderFactory(RelBuilderFactory factory) {
    return new RuleConfig(factory, description, operandSupplier, this.factory);
  }

  @Override
  public RelRule.Config withDescription(String description) {
    return new RuleConfig(relBuilderFactory, description, operandSupplier, factory);
  }

  @Override
  public RelRule.Config withOperandSupplier(RelRule.OperandTransform transform) {
    return new RuleConfig(relBuilderFactory, description, transform, factory);
  }

  @Override
  public RelBuilderFactory relBuilderFactory() {
    return relBuilderFactory != null ? relBuilderFactory : RelFactories.LOGICAL_BUILDER;
  }
}
