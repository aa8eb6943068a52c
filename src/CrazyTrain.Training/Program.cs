// The model factory's command line; verbs are added by the model-factory work.
return 0;
