package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.moshi.Moshi;
import java.util.Map;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;
import retrofit2.http.GET;
import org.junit.jupiter.api.Test;

class LibrariesTest {

  interface Api {
    @GET("things")
    Call<Map<String, Object>> things();
  }

  @Test
  void moshiAndRetrofitWorkOnTheirOwnUnderAgpBom() throws Exception {
    Moshi moshi = new Moshi.Builder().build();
    assertEquals(Map.of("a", 1.0), moshi.adapter(Map.class).fromJson("{\"a\":1}"));
    Api api = new Retrofit.Builder().baseUrl("https://example.com/").addConverterFactory(MoshiConverterFactory.create(moshi))
        .build().create(Api.class);
    assertEquals("https://example.com/things", api.things().request().url().toString());
  }
}
