/**
 * A training run as a library object: {@link gmloss.run.TrainingRun} starts, stops, resumes and
 * exports a run from {@link gmloss.run.TrainSettings} (the settings of
 * {@link gmloss.run.TrainOptions}, typed), resolved into a {@link gmloss.run.TrainingPlan}; {@link gmloss.run.RunDirectory} and
 * {@link gmloss.run.RunRecord} are a run's folder, its lock and its {@code run.json};
 * {@link gmloss.run.Recipe} holds the reference implementations' settings. A run is driven from
 * one thread; {@code requestStop} may come from any.
 */
package gmloss.run;
